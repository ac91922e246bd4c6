import { InputError, ProviderError } from '../core/errors.js';
import type { NotificationEvent } from '../core/ports/notifier.js';
import type { DRPlan } from '../core/plan/schema.js';
import { redact } from '../core/redact.js';
import { failoverNotification, type FailoverSummary } from '../core/report/failover-notification.js';
import type { Json } from '../core/runbook/json.js';
import type { NotificationChannel } from './notification-channels.js';

/** The failover executor's `notify` port. */
export type NotifyFunction = (event: string, summary: Json) => Promise<string[]>;

const EVENTS: readonly NotificationEvent[] = ['failover-started', 'approval-needed', 'failover-complete', 'failover-failed', 'drill-complete', 'posture-breach'];

/**
 * Sends a failover event's summary to every channel subscribed to it, all at once, and returns the
 * channel names it reached. When any channel fails it throws one ProviderError naming the failed
 * channels and why (never their URLs or keys), retryable when every failure is. A retry in the same
 * process sends only to the channels that failed, so nobody is told twice.
 *
 * @example failoverPorts.notify = planNotifier(plan, notificationChannels(plan))
 */
export function planNotifier(plan: DRPlan, channels: readonly NotificationChannel[]): NotifyFunction {
  const delivered = new Map<string, Set<string>>();
  return async (event, summary) => {
    if (!isNotificationEvent(event)) throw new InputError(`unknown notification event "${event}" (expected one of ${EVENTS.join(', ')})`);
    const message = failoverNotification(plan, event, summary as unknown as FailoverSummary);
    const targets = channels.filter((c) => !c.events || c.events.includes(event));
    const key = `${message.key ?? ''}/${event}`;
    const done = delivered.get(key) ?? new Set<string>();
    delivered.set(key, done);
    const pending = targets.filter((c) => !done.has(c.name));
    const results = await Promise.allSettled(pending.map(async (c) => {
      await c.connect().send(message);
      done.add(c.name);
    }));
    const failed = pending.flatMap((c, i) => {
      const r = results[i];
      return r?.status === 'rejected' ? [{ name: c.name, reason: r.reason as unknown }] : [];
    });
    if (failed.length > 0) throw channelsFailed(event, failed, targets.length);
    return targets.map((c) => c.name);
  };
}

function channelsFailed(event: string, failed: Array<{ name: string; reason: unknown }>, total: number): ProviderError {
  const why = failed.map((f) => `${f.name}: ${f.reason instanceof Error ? f.reason.message : String(f.reason)}`).join('; ');
  const retryable = failed.every((f) => f.reason instanceof ProviderError && f.reason.retryable);
  return new ProviderError(redact(`${event} notification failed on ${failed.length} of ${total} channel(s): ${why}`), {
    provider: 'notify', operation: event, retryable, cause: failed[0]?.reason,
  });
}

function isNotificationEvent(event: string): event is NotificationEvent {
  return (EVENTS as readonly string[]).includes(event);
}
