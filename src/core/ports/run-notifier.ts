import type { Json } from '../runbook/json.js';
import type { NotificationEvent } from './notifier.js';

/** What a run's notification is about: the run, its step outputs so far, and the event's own facts. */
export interface RunNotification {
  runId: string;
  /** The runbook's id (`failover`, `failback`): messages name the kind of run. */
  runbook?: string;
  /** Who started the run. */
  startedBy?: string;
  /** Outputs of the steps that succeeded so far, by step id (RTO and RPO are measured from them). */
  outputs: Readonly<Record<string, Json>>;
  /** approval-needed: the gate, the distinct approvals it needs, and who approved so far. */
  gate?: { id: string; title: string; approvals: number; approvers: string[] };
  /** failover-failed after a failure: the step that failed and what to do next. */
  failure?: { step: string; nextAction: string };
  /** failover-failed after an abort: who stopped the run and why. */
  abort?: { actor: string; reason: string };
}

/** Which channels took a message and which did not (with a reason free of URLs and keys). */
export interface NotificationDelivery {
  delivered: string[];
  failed: Array<{ channel: string; error: string }>;
}

/**
 * Tells a plan's channels about a run: `failover-started`, `approval-needed`, `failover-failed` (sent by
 * the runner, journaled as notification-started/-ended) and `failover-complete` (the runbook's notify
 * step). A channel that is down must never fail or block a run: `send` never rejects and gives up on a
 * channel after its own timeout, reporting it in `failed`.
 */
export interface RunNotifier {
  /** The channels subscribed to the event (a channel without an events list gets every event). */
  subscribers(event: NotificationEvent): string[];
  send(event: NotificationEvent, notification: RunNotification): Promise<NotificationDelivery>;
}
