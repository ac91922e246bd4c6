import { InputError } from '../errors.js';
import { largestGap } from '../objectives/cron.js';
import type { Duration } from '../objectives/duration.js';
import type { Finding } from '../posture/finding.js';
import { coversNamespace } from './namespace-coverage.js';
import type { ScheduleView } from './schedule-view.js';

/** Fixed start for gap analysis; the eight-year horizon makes the result independent of it. */
const ANALYSIS_START = new Date(Date.UTC(2024, 0, 1));

/** What the timing checks compare with. */
export interface TimingContext {
  rpo?: Duration;
  retention?: Duration;
  protectedNamespaces?: readonly string[];
}

/** A schedule with its worst case, or the reason its cron could not be analysed. */
type Timed = { view: ScheduleView; worstCase: Duration; gap: Duration } | { view: ScheduleView; error: string };

/**
 * `schedule.cron-invalid`, `schedule.rpo-exceeded`, `schedule.ttl-invalid`, `schedule.ttl-below-retention`.
 * A schedule over the RPO is not reported when every protected namespace it backs up is also backed up
 * within the RPO by another schedule: that is a long-term archive, not the schedule the RPO relies on.
 */
export function timingFindings(views: readonly ScheduleView[], ctx: TimingContext): Finding[] {
  const timed = views.map(timeOf);
  return [
    ...timed.flatMap((t) => ('error' in t ? [cronInvalid(t.view, t.error)] : rpoExceeded(t, timed, ctx))),
    ...views.flatMap((v) => ttlFindings(v, ctx.retention)),
  ];
}

function timeOf(view: ScheduleView): Timed {
  try {
    const gap = largestGap(view.cron, ANALYSIS_START);
    return { view, gap, worstCase: gap.plus(view.expectedDuration) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { view, error: error.issues.map((i) => i.message).join('; ') };
  }
}

function cronInvalid(view: ScheduleView, reason: string): Finding {
  return {
    id: 'schedule.cron-invalid', severity: 'error', field: view.fields.cron,
    message: `schedule ${view.name}: ${reason}`,
    fix: 'write a 5-field cron such as "0 * * * *", a descriptor such as "@hourly", or "@every 30m"',
    evidence: { schedule: view.name, cron: view.cron },
  };
}

function rpoExceeded(t: Extract<Timed, { gap: Duration }>, all: readonly Timed[], ctx: TimingContext): Finding[] {
  const rpo = ctx.rpo;
  if (!rpo || !t.worstCase.isLongerThan(rpo) || isArchive(t.view, all, ctx)) return [];
  return [{
    id: 'schedule.rpo-exceeded', severity: 'error', field: t.view.fields.cron,
    message: `schedule ${t.view.name} ("${t.view.cron}") can lose ${t.worstCase.toString()} of data (${t.gap.toString()} between runs + ${t.view.expectedDuration.toString()} per backup), more than the ${rpo.toString()} RPO`,
    fix: `run ${t.view.name} at least every ${rpo.minus(t.view.expectedDuration).toString()} (the RPO minus one backup's duration), or relax the RPO to ${t.worstCase.toString()}`,
    evidence: { schedule: t.view.name, gap: t.gap.toString(), expected: t.view.expectedDuration.toString(), worstCase: t.worstCase.toString(), target: rpo.toString() },
  }];
}

function isArchive(view: ScheduleView, all: readonly Timed[], ctx: TimingContext): boolean {
  const rpo = ctx.rpo;
  const mine = (ctx.protectedNamespaces ?? []).filter((ns) => coversNamespace(view.namespaces, ns));
  if (!rpo || mine.length === 0) return false;
  const fastEnough = all.filter((o) => o.view !== view && 'worstCase' in o && !o.worstCase.isLongerThan(rpo));
  return mine.every((ns) => fastEnough.some((o) => coversNamespace(o.view.namespaces, ns)));
}

function ttlFindings(view: ScheduleView, retention: Duration | undefined): Finding[] {
  const ttl = view.ttl.value;
  if (ttl === undefined) {
    return [{
      id: 'schedule.ttl-invalid', severity: 'error', field: view.fields.ttl,
      message: `schedule ${view.name}: ttl "${view.ttl.text}" is not a Go duration, so Velero rejects the backup`,
      fix: 'write the ttl as a Go duration in hours, e.g. "720h0m0s" for 30 days (Go has no "d" unit)',
      evidence: { schedule: view.name, ttl: view.ttl.text },
    }];
  }
  if (!retention || !ttl.isShorterThan(retention)) return [];
  return [{
    id: 'schedule.ttl-below-retention', severity: 'error', field: view.fields.ttl,
    message: `schedule ${view.name} keeps backups for ${ttl.toString()}, less than the ${retention.toString()} retention the plan requires`,
    fix: `set the ttl of ${view.name} to at least ${retention.toString()} (${Math.ceil(retention.toMilliseconds() / 3_600_000)}h0m0s)`,
    evidence: { schedule: view.name, ttl: ttl.toString(), retention: retention.toString() },
  }];
}
