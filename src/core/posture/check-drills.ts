import { Duration } from '../objectives/duration.js';
import type { DrillKind, DrillRecord } from '../ports/drill-history.js';
import type { Finding } from './finding.js';
import { cronGapOf } from './schedule-facts.js';
import type { PostureSnapshot } from './posture-snapshot.js';

const CADENCE: Record<string, Duration> = { weekly: Duration.days(7), monthly: Duration.days(31), quarterly: Duration.days(92), yearly: Duration.days(366) };
const KINDS: readonly DrillKind[] = ['tabletop', 'component', 'failover'];

/** The longest a plan may go between two drills of a kind, from its cadence (`weekly`... or a cron). */
export function drillInterval(cadence: string): Duration | undefined {
  return CADENCE[cadence] ?? cronGapOf(cadence);
}

/** The newest successful drill of a kind, if any. */
export function lastSuccessful(drills: readonly DrillRecord[], kind: DrillKind): DrillRecord | undefined {
  return drills.filter((d) => d.kind === kind && d.succeeded).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
}

/**
 * `drill.overdue`: the last successful drill of each kind is older than its cadence allows. Never
 * drilled is an error for component and failover drills (nobody knows the runbook works), a warning
 * for tabletop exercises.
 */
export function checkDrills(snapshot: PostureSnapshot): Finding[] {
  return KINDS.flatMap((kind): Finding[] => {
    const cadence = snapshot.plan.spec.drills[kind];
    const interval = drillInterval(cadence);
    const last = lastSuccessful(snapshot.drills, kind);
    const field = `spec.drills.${kind}`;
    if (!last) {
      return [{ id: 'drill.overdue', severity: kind === 'tabletop' ? 'warning' : 'error', field, message: `no successful ${kind} drill on record (cadence ${cadence})`, fix: `run \`lifeboat drill ${kind}\` and keep its evidence`, evidence: { kind, cadence, lastDrill: null } }];
    }
    const age = Duration.milliseconds(Math.max(0, snapshot.now.getTime() - last.finishedAt.getTime()));
    if (!interval || !age.isLongerThan(interval)) return [];
    return [{ id: 'drill.overdue', severity: 'error', field, message: `last successful ${kind} drill was ${age.toString()} ago, over its ${cadence} cadence (${interval.toString()})`, fix: `run \`lifeboat drill ${kind}\``, evidence: { kind, cadence, lastDrill: last.finishedAt.toISOString(), age: age.toString(), interval: interval.toString() } }];
  });
}
