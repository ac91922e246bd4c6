import type { NotificationEvent } from '../core/ports/notifier.js';
import type { NotificationDelivery, RunNotifier } from '../core/ports/run-notifier.js';
import type { DRPlan } from '../core/plan/schema.js';
import { redact } from '../core/redact.js';
import { failoverNotification } from '../core/report/failover-notification.js';
import type { NotificationChannel } from './notification-channels.js';

export interface PlanNotifierOptions {
  /** Longest wait for one channel (default 10s); one that does not answer by then is reported failed. */
  timeoutMs?: number;
}

/**
 * The plan's channels as the runner's and the notify step's RunNotifier: a run event goes to every
 * channel subscribed to it (no `events` list = all), all at once. It never throws: each channel that
 * refuses, cannot be reached, lacks its secret or does not answer within the timeout is reported in
 * `failed` with its reason (passed through `redact`, never its URL or key), and the run goes on.
 *
 * @example failoverPorts.notify = planNotifier(plan, notificationChannels(plan))
 */
export function planNotifier(plan: DRPlan, channels: readonly NotificationChannel[], options: PlanNotifierOptions = {}): RunNotifier {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const subscribed = (event: NotificationEvent): NotificationChannel[] => channels.filter((c) => !c.events || c.events.includes(event));
  return {
    subscribers: (event) => subscribed(event).map((c) => c.name),
    send: async (event, notification): Promise<NotificationDelivery> => {
      const message = failoverNotification(plan, event, notification);
      const targets = subscribed(event);
      const results = await Promise.allSettled(targets.map((c) => within(timeoutMs, async () => c.connect().send(message))));
      const delivery: NotificationDelivery = { delivered: [], failed: [] };
      results.forEach((r, i) => {
        const name = targets[i]?.name ?? '?';
        if (r.status === 'fulfilled') delivery.delivered.push(name);
        else delivery.failed.push({ channel: name, error: redact(messageOf(r.reason)) });
      });
      return delivery;
    },
  };
}

/** Runs `work`, rejecting when it has not settled after `ms` (the work itself is left to finish or fail). */
async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
