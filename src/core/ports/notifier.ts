/** Events a notification channel can subscribe to (the plan's `notifications[].events`). */
export type NotificationEvent =
  | 'failover-started'
  | 'approval-needed'
  | 'failover-complete'
  | 'failover-failed'
  | 'drill-complete'
  | 'posture-breach';

/** How urgent a message is; the values are PagerDuty's, the other channels show them as text. */
export type NotificationSeverity = 'info' | 'warning' | 'error' | 'critical';

/** One message to stakeholders: the same content is rendered by every channel in its own format. */
export interface NotificationMessage {
  event: NotificationEvent;
  /** One line, e.g. "Failover of shop complete: RTO 4m12s, RPO 38m". */
  title: string;
  /** A few sentences with what happened and what to do next. */
  text: string;
  /** Facts as label -> value, in display order (run id, RTO, RPO, regions...). */
  fields: Readonly<Record<string, string>>;
  severity: NotificationSeverity;
  /** Groups messages about one incident (the run id): PagerDuty's dedup_key, e-mail threads. */
  key?: string;
}

/**
 * Delivers a message through one channel (Slack, a signed webhook, PagerDuty, e-mail).
 * Throws ProviderError when the channel refuses or cannot be reached; the error never carries the
 * channel's URL, key or password.
 */
export interface Notifier {
  send(message: NotificationMessage): Promise<void>;
}
