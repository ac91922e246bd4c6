import { InputError } from '../errors.js';
import { coversNamespace, type NamespaceScope } from '../plan/namespace-coverage.js';
import { PATTERNS } from '../plan/patterns.js';
import type { BackupSchedule, DRPlan } from '../plan/schema.js';
import { largestGap } from './cron.js';
import { Duration } from './duration.js';

/** One schedule's contribution to RPO: the longest wait for a backup plus the backup's own time. */
export interface ScheduleRpo {
  schedule: string;
  namespaces: string[];
  largestGap: Duration;
  expectedDuration: Duration;
  worstCase: Duration;
}

/** Predicted worst-case RPO of a plan. */
export interface RpoPrediction {
  /** Worst case over the protected namespaces that some schedule covers. */
  worstCase: Duration;
  perSchedule: ScheduleRpo[];
  /** Protected namespaces no valid schedule covers: their RPO is unbounded. */
  uncoveredNamespaces: string[];
  basis: 'schedules' | 'pattern-default' | 'none';
}

/** Fixed start for gap analysis: with an eight-year horizon the result does not depend on it. */
const ANALYSIS_START = new Date(Date.UTC(2024, 0, 1));

/**
 * Worst-case RPO: a failure just before a backup finishes loses everything since the previous one
 * finished, i.e. the largest gap between runs plus the backup's duration. Each protected namespace
 * (names and globs of spec.protection) takes the best schedule that covers it, because a namespace
 * backed up hourly and archived weekly loses at most an hour; the plan's worst case is the worst
 * namespace. Schedules whose cron is invalid cover nothing (the schedule analysis reports them).
 * Active-active replicates data, so without schedules it gets the pattern's near-zero default.
 *
 * @example predictRpo(plan).worstCase.toString() // '1h5m' for one hourly schedule taking 5m
 */
export function predictRpo(plan: DRPlan): RpoPrediction {
  const perSchedule = plan.spec.backup.schedules.flatMap((s) => scheduleRpo(plan, s));
  if (perSchedule.length === 0 && plan.spec.pattern === 'active-active') {
    return { worstCase: PATTERNS['active-active'].rpo.max, perSchedule, uncoveredNamespaces: [], basis: 'pattern-default' };
  }
  const excluded = plan.spec.protection.namespaces.exclude;
  const covered: Duration[] = [];
  const uncovered: string[] = [];
  for (const item of protectedItems(plan, perSchedule)) {
    const best = bestCovering(perSchedule, { item, excluded });
    if (best) covered.push(best);
    else uncovered.push(item);
  }
  return { worstCase: Duration.max(...covered), perSchedule, uncoveredNamespaces: uncovered, basis: perSchedule.length > 0 ? 'schedules' : 'none' };
}

function bestCovering(schedules: readonly ScheduleRpo[], { item, excluded }: { item: string; excluded: readonly string[] }): Duration | undefined {
  const worst = schedules.filter((s) => coversNamespace({ included: s.namespaces, excluded }, item)).map((s) => s.worstCase);
  return worst.length === 0 ? undefined : worst.reduce((a, b) => (b.isShorterThan(a) ? b : a));
}

/** The namespaces a plan schedule backs up: its own list, else everything the plan protects by name. */
export function scheduleNamespaces(plan: DRPlan, schedule: BackupSchedule): string[] {
  const ns = plan.spec.protection.namespaces;
  return schedule.namespaces ?? [...ns.names, ...ns.globs];
}

function scheduleRpo(plan: DRPlan, schedule: BackupSchedule): ScheduleRpo[] {
  try {
    const gap = largestGap(schedule.cron, ANALYSIS_START);
    const namespaces = scheduleNamespaces(plan, schedule);
    return [{ schedule: schedule.name, namespaces, largestGap: gap, expectedDuration: schedule.expectedDuration, worstCase: gap.plus(schedule.expectedDuration) }];
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}

/** What must be covered: the protected names and globs, else what the schedules name, else "all". */
function protectedItems(plan: DRPlan, schedules: readonly ScheduleRpo[]): string[] {
  const ns = plan.spec.protection.namespaces;
  const scope: NamespaceScope = { included: ['*'], excluded: ns.exclude };
  const named = [...ns.names, ...ns.globs].filter((n) => coversNamespace(scope, n));
  if (named.length > 0) return named;
  const fromSchedules = [...new Set(schedules.flatMap((s) => s.namespaces))];
  return fromSchedules.length > 0 ? fromSchedules : ['*'];
}
