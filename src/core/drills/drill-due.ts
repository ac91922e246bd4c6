import { Duration } from '../objectives/duration.js';
import type { DrillKind, DrillRecord } from '../ports/drill-history.js';
import { drillInterval } from './drill-cadence.js';

/**
 * Where a kind of drill stands against its cadence. `never`: no successful drill on record, so it is
 * due now. `overdue`: the last successful one is older than the cadence's interval allows.
 */
export interface DrillDue {
  state: 'never' | 'ok' | 'overdue';
  /** The longest allowed time between two drills; undefined when the cadence is not a valid cron. */
  interval?: Duration;
  /** The last successful drill plus the interval: when the next one must have happened. */
  nextDue?: Date;
  /** How far past `nextDue` now is (only when overdue). */
  overdueBy?: Duration;
}

/** The newest successful drill of a kind, if any. */
export function lastSuccessful(drills: readonly DrillRecord[], kind: DrillKind): DrillRecord | undefined {
  return drills.filter((d) => d.kind === kind && d.succeeded).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
}

/**
 * The one rule for "drill overdue", shared by `lifeboat status` (posture) and `lifeboat drill
 * schedule`: overdue when more time than the cadence's interval has passed since the last successful
 * drill. Exactly one interval after it is still on time.
 *
 * @example drillDue('weekly', new Date('2026-03-02T10:00:00Z'), new Date('2026-03-10T10:00:00Z')).overdueBy?.toString() // '1d'
 */
export function drillDue(cadence: string, lastSuccess: Date | undefined, now: Date): DrillDue {
  const interval = drillInterval(cadence);
  const withInterval = interval ? { interval } : {};
  if (!lastSuccess) return { state: 'never', ...withInterval };
  if (!interval) return { state: 'ok' };
  const nextDue = new Date(lastSuccess.getTime() + interval.toMilliseconds());
  const late = now.getTime() - nextDue.getTime();
  if (late <= 0) return { state: 'ok', interval, nextDue };
  return { state: 'overdue', interval, nextDue, overdueBy: Duration.milliseconds(late) };
}
