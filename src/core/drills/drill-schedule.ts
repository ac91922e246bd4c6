import type { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { DrillKind, DrillRecord } from '../ports/drill-history.js';
import { cadenceCron, nextSlot } from './drill-cadence.js';
import { drillDue, lastSuccessful, type DrillDue } from './drill-due.js';

export const DRILL_KINDS: readonly DrillKind[] = ['tabletop', 'component', 'failover'];

/** One kind of drill on a plan's calendar. */
export interface DrillScheduleRow {
  kind: DrillKind;
  /** As the plan writes it: `quarterly` or a cron. */
  cadence: string;
  /** The cadence as cron (UTC). */
  cron: string;
  interval?: Duration;
  /** The newest drill of this kind, whatever its outcome. */
  lastRun?: { finishedAt: Date; succeeded: boolean; runId?: string };
  /** The newest successful drill: the one that counts for the cadence. */
  lastSuccess?: Date;
  state: DrillDue['state'];
  /** When the next drill must have happened (undefined: never drilled, due now). */
  nextDue?: Date;
  overdueBy?: Duration;
  /** The next slot of the cadence's calendar after now: the date to book. */
  nextSlot?: Date;
}

/**
 * A plan's drill calendar: for each kind its cadence as cron, the last run and last success from the
 * history, when the next drill is due and how overdue it is (by `drillDue`, the same rule `lifeboat
 * status` applies).
 *
 * @example drillSchedule(plan, await history.drills('shop'), new Date()).find((r) => r.kind === 'failover')?.state
 */
export function drillSchedule(plan: DRPlan, drills: readonly DrillRecord[], now: Date): DrillScheduleRow[] {
  return DRILL_KINDS.map((kind) => {
    const cadence = plan.spec.drills[kind];
    const newest = drills.filter((d) => d.kind === kind).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
    const success = lastSuccessful(drills, kind)?.finishedAt;
    const due = drillDue(cadence, success, now);
    const slot = nextSlot(cadence, now);
    return {
      kind,
      cadence,
      cron: cadenceCron(cadence),
      ...(due.interval ? { interval: due.interval } : {}),
      ...(newest ? { lastRun: { finishedAt: newest.finishedAt, succeeded: newest.succeeded, ...(newest.runId ? { runId: newest.runId } : {}) } } : {}),
      ...(success ? { lastSuccess: success } : {}),
      state: due.state,
      ...(due.nextDue ? { nextDue: due.nextDue } : {}),
      ...(due.overdueBy ? { overdueBy: due.overdueBy } : {}),
      ...(slot ? { nextSlot: slot } : {}),
    };
  });
}

/** Whether any kind of drill is due now: overdue, or never run. */
export function hasDueDrills(rows: readonly DrillScheduleRow[]): boolean {
  return rows.some((r) => r.state !== 'ok');
}
