import { Duration } from '../../objectives/duration.js';
import type { Clock } from '../../ports/clock.js';
import type { NotificationEvent } from '../../ports/notifier.js';
import type { NotificationDelivery, RunNotifier } from '../../ports/run-notifier.js';
import type { StepContext } from '../../ports/step-executor.js';
import type { DRPlan } from '../../plan/schema.js';
import type { Json } from '../json.js';
import { withBudget } from '../with-budget.js';

/** Longest wait for the channels; the step's budget may cut it shorter. */
const NOTIFY_WAIT = Duration.seconds(20);

/**
 * The runbook's notify step (`failover-complete`): tells the subscribed channels and journals, as the
 * step's output, who was told and who could not be (`failed`). It never fails the run: traffic has
 * moved by now, and a channel that is down is a fact to report, not a reason to roll back. At most once
 * per run: the step's success is journaled, and an attempt after one cut short mid-send (a crash, a
 * budget) does not send again.
 *
 * @example await notifyStep({ plan, notifier, clock }, { event: 'failover-complete' }, ctx)
 */
export async function notifyStep(
  o: { plan: DRPlan; notifier: RunNotifier | undefined; clock: Clock },
  input: { event: NotificationEvent; runbook?: string },
  ctx: StepContext,
): Promise<Json> {
  const { event } = input;
  const channels = o.plan.spec.notifications.filter((c) => !c.events || c.events.includes(event)).map((c) => c.name);
  if (channels.length === 0) return { event, sent: [], failed: [] };
  if (ctx.attempt > 1) {
    return { event, sent: [], failed: [], skipped: `attempt ${ctx.attempt - 1} was cut short while sending: not sent again, so nobody is told twice` };
  }
  if (!o.notifier) return report(event, allFailed(channels, 'no notifier is wired for this channel'));
  const notifier = o.notifier;
  const notification = { runId: ctx.runId, ...(input.runbook ? { runbook: input.runbook } : {}), outputs: ctx.journalOutputsSoFar };
  const result = await withBudget(() => notifier.send(event, notification), { clock: o.clock, budget: NOTIFY_WAIT, grace: Duration.zero, outer: ctx.signal });
  if (result.kind === 'ok') return report(event, result.value);
  return report(event, allFailed(channels, result.kind === 'timeout' ? `no answer within ${NOTIFY_WAIT.toString()}` : messageOf(result.error)));
}

function report(event: string, delivery: NotificationDelivery): Json {
  return { event, sent: delivery.delivered, failed: delivery.failed };
}

function allFailed(channels: readonly string[], error: string): NotificationDelivery {
  return { delivered: [], failed: channels.map((channel) => ({ channel, error })) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
