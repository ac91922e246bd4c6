import type { TriggerAlert } from '../../core/trigger/alert-decision.js';
import type { AlertmanagerAlert } from './alertmanager-payload.js';

/** The plan an alert is about: its `lifeboat_plan` label, else `plan`. */
export function planLabelOf(alert: AlertmanagerAlert): string | undefined {
  return alert.labels.lifeboat_plan ?? alert.labels.plan;
}

/** Alertmanager's "no end" is the zero time; an end in the past means the alert has resolved. */
function hasEnded(alert: AlertmanagerAlert, now: Date): boolean {
  const end = alert.endsAt ? Date.parse(alert.endsAt) : NaN;
  return Number.isFinite(end) && end > 0 && end <= now.getTime();
}

export interface IngestResult {
  /** Fingerprints firing for the first time (Alertmanager re-sends firing alerts on every group interval). */
  fresh: string[];
  resolved: string[];
}

/**
 * The alerts firing now, deduplicated by fingerprint: a re-sent alert updates its entry, a resolved
 * one (status, or an end in the past) removes it. Kept per plan so each plan's trigger sees only its
 * own alerts.
 */
export class AlertBook {
  private readonly firing = new Map<string, TriggerAlert & { plan: string }>();

  ingest(alerts: readonly AlertmanagerAlert[], now: Date): IngestResult {
    const result: IngestResult = { fresh: [], resolved: [] };
    for (const alert of alerts) {
      const plan = planLabelOf(alert);
      const region = alert.labels.region;
      if (!plan || !region) continue;
      if (alert.status === 'resolved' || hasEnded(alert, now)) {
        if (this.firing.delete(alert.fingerprint)) result.resolved.push(alert.fingerprint);
        continue;
      }
      if (!this.firing.has(alert.fingerprint)) result.fresh.push(alert.fingerprint);
      this.firing.set(alert.fingerprint, { plan, region, fingerprint: alert.fingerprint, vantagePoint: alert.labels.vantage_point, startsAt: new Date(alert.startsAt) });
    }
    return result;
  }

  firingFor(plan: string): TriggerAlert[] {
    return [...this.firing.values()].filter((a) => a.plan === plan).map(({ plan: _plan, ...alert }) => alert);
  }
}
