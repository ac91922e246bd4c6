import { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import { failoverRegions } from '../runbook/failover/failover-runbook.js';

/** A firing alert about a plan's region, as the trigger weighs it (from Alertmanager's webhook). */
export interface TriggerAlert {
  fingerprint: string;
  region: string;
  /** The alert's `vantage_point` label: which of the plan's alertmanager vantage points saw it. */
  vantagePoint: string | undefined;
  startsAt: Date;
}

/**
 * What the server does about the alerts firing for a plan. `page`: tell people, start nothing.
 * `propose`: start a failover that waits at its declare gate for approvers. `auto`: the plan allows
 * auto-failover, so the failover starts and passes its gate on its own. `none`: nothing fires.
 */
export type AlertAction = 'none' | 'page' | 'propose' | 'auto';

export interface AlertDecision {
  action: AlertAction;
  reason: string;
  /** The region the decision is about (the primary, when the alerts are about it). */
  region: string | undefined;
  /** Distinct firing alerts that count (from the plan's alertmanager vantage points). */
  failing: number;
  vantagePoints: string[];
  /** Since when enough alerts have fired together, when they have. */
  downSince?: Date;
}

/**
 * The plan's trigger criteria applied to firing alerts: as many distinct alerts as
 * `trigger.failingChecks`, from `trigger.quorum` of its alertmanager vantage points, all together for
 * `trigger.unreachableFor`, about the region a failover moves away from. Short of that, people are
 * paged. Pure: the same alerts at the same `now` give the same decision.
 *
 * @example alertDecision(plan, [{ fingerprint: 'a1', region: 'eu-west', vantagePoint: 'am-eu', startsAt }], now).action // 'propose'
 */
export function alertDecision(plan: DRPlan, alerts: readonly TriggerAlert[], now: Date): AlertDecision {
  const t = plan.spec.trigger;
  const primary = failoverRegions(plan).from.name;
  if (alerts.length === 0) return { action: 'none', reason: 'no alert is firing', region: undefined, failing: 0, vantagePoints: [] };
  const onPrimary = alerts.filter((a) => a.region === primary);
  if (onPrimary.length === 0) return page(`the alerts are about ${[...new Set(alerts.map((a) => a.region))].join(', ')}, not the primary ${primary}: a failover only moves away from the primary`, alerts[0]?.region);
  const sources = t.vantagePoints.filter((v) => v.type === 'alertmanager').map((v) => v.name);
  if (sources.length === 0) return page('the plan has no vantage point of type alertmanager: alerts page people but never start a failover', primary);
  const counted = onPrimary.map((a) => ({ ...a, vantagePoint: a.vantagePoint ?? (sources.length === 1 ? sources[0] : undefined) })).filter((a) => a.vantagePoint !== undefined && sources.includes(a.vantagePoint));
  const quorum = Math.min(t.quorum, sources.length);
  const vps = [...new Set(counted.map((a) => a.vantagePoint as string))].sort();
  const facts = { region: primary, failing: counted.length, vantagePoints: vps };
  if (counted.length < t.failingChecks || vps.length < quorum) {
    return { action: 'page', reason: `${counted.length} of ${t.failingChecks} failing checks from ${vps.length} of ${quorum} vantage points (${sources.join(', ')})`, ...facts };
  }
  const downSince = sinceCriteriaMet(counted, t.failingChecks, quorum);
  const down = Duration.milliseconds(Math.max(0, now.getTime() - downSince.getTime()));
  if (down.isShorterThan(t.unreachableFor)) {
    return { action: 'page', reason: `${primary} has looked down for ${down.toString()}; the trigger needs ${t.unreachableFor.toString()}`, ...facts, downSince };
  }
  const why = `${counted.length} failing checks from ${vps.join(', ')} for ${down.toString()} (trigger: ${t.failingChecks} checks, quorum ${quorum}, ${t.unreachableFor.toString()})`;
  return t.autoFailover ? { action: 'auto', reason: `${why}; the plan allows auto-failover`, ...facts, downSince } : { action: 'propose', reason: `${why}; the failover waits for ${t.approvers} approver${t.approvers === 1 ? '' : 's'}`, ...facts, downSince };
}

function page(reason: string, region: string | undefined): AlertDecision {
  return { action: 'page', reason, region, failing: 0, vantagePoints: [] };
}

/** The earliest start time by which enough alerts, from enough vantage points, fired together. */
function sinceCriteriaMet(alerts: ReadonlyArray<TriggerAlert & { vantagePoint: string | undefined }>, failingChecks: number, quorum: number): Date {
  const sorted = [...alerts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const vps = new Set<string>();
  for (const [i, a] of sorted.entries()) {
    vps.add(a.vantagePoint as string);
    if (i + 1 >= failingChecks && vps.size >= quorum) return a.startsAt;
  }
  return sorted.at(-1)?.startsAt ?? new Date(0);
}
