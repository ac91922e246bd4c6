import type { NotificationEvent, NotificationMessage, Notifier } from '../../core/ports/notifier.js';
import { postJson } from './post-json.js';

export interface PagerDutyConfig {
  /** The Events API v2 integration (routing) key of the service: the secret. */
  routingKey: string;
  /** Default https://events.pagerduty.com/v2/enqueue; EU accounts use https://events.eu.pagerduty.com/v2/enqueue. */
  endpoint?: string;
  /** What the alert names as its source, e.g. `lifeboat/shop`. */
  source: string;
  /** ISO timestamp of the event; injectable for tests. */
  now?: () => Date;
}

/** Events that end an incident resolve the run's alert; every other event triggers (or updates) it. */
const RESOLVING: ReadonlySet<NotificationEvent> = new Set(['failover-complete']);

/**
 * Sends PagerDuty Events API v2 events. The run id is the dedup_key, so `failover-started`,
 * `approval-needed` and `failover-failed` update one alert and `failover-complete` resolves it.
 * A resolve without a key, or for a run whose alert was never triggered, does nothing at PagerDuty.
 */
export class PagerDutyNotifier implements Notifier {
  constructor(private readonly config: PagerDutyConfig) {}

  static fromConfig(config: PagerDutyConfig): PagerDutyNotifier {
    return new PagerDutyNotifier(config);
  }

  async send(message: NotificationMessage): Promise<void> {
    const body = JSON.stringify(this.event(message));
    await postJson(this.config.endpoint ?? 'https://events.pagerduty.com/v2/enqueue', body, { provider: 'pagerduty', secrets: [this.config.routingKey] });
  }

  private event(message: NotificationMessage): Record<string, unknown> {
    const resolve = RESOLVING.has(message.event) && message.key !== undefined;
    return {
      routing_key: this.config.routingKey,
      event_action: resolve ? 'resolve' : 'trigger',
      ...(message.key === undefined ? {} : { dedup_key: message.key }),
      payload: {
        summary: message.title.slice(0, 1024),
        source: this.config.source,
        severity: message.severity,
        timestamp: (this.config.now?.() ?? new Date()).toISOString(),
        custom_details: { text: message.text, event: message.event, ...message.fields },
      },
    };
  }
}
