import { Duration } from '../objectives/duration.js';
import type { DrillKind } from '../ports/drill-history.js';
import { drillDue, lastSuccessful } from '../drills/drill-due.js';
import type { Finding } from './finding.js';
import type { PostureSnapshot } from './posture-snapshot.js';

export { lastSuccessful } from '../drills/drill-due.js';

const KINDS: readonly DrillKind[] = ['tabletop', 'component', 'failover'];

/**
 * `drill.overdue`: the last successful drill of each kind is older than its cadence allows (the rule
 * is `drillDue`'s, shared with `lifeboat drill schedule`). Never drilled is an error for component and
 * failover drills (nobody knows the runbook works), a warning for tabletop exercises.
 */
export function checkDrills(snapshot: PostureSnapshot): Finding[] {
  return KINDS.flatMap((kind): Finding[] => {
    const cadence = snapshot.plan.spec.drills[kind];
    const last = lastSuccessful(snapshot.drills, kind);
    const due = drillDue(cadence, last?.finishedAt, snapshot.now);
    const field = `spec.drills.${kind}`;
    if (!last) {
      return [{ id: 'drill.overdue', severity: kind === 'tabletop' ? 'warning' : 'error', field, message: `no successful ${kind} drill on record (cadence ${cadence})`, fix: `run \`lifeboat drill ${kind}\` and keep its evidence`, evidence: { kind, cadence, lastDrill: null } }];
    }
    if (due.state !== 'overdue' || !due.interval) return [];
    const age = Duration.milliseconds(Math.max(0, snapshot.now.getTime() - last.finishedAt.getTime()));
    return [{ id: 'drill.overdue', severity: 'error', field, message: `last successful ${kind} drill was ${age.toString()} ago, over its ${cadence} cadence (${due.interval.toString()})`, fix: `run \`lifeboat drill ${kind}\``, evidence: { kind, cadence, lastDrill: last.finishedAt.toISOString(), age: age.toString(), interval: due.interval.toString() } }];
  });
}
