import { createHmac } from 'node:crypto';
import type { NotificationMessage, Notifier } from '../../core/ports/notifier.js';
import { postJson } from './post-json.js';

export interface SignedWebhookConfig {
  url: string;
  /** Shared secret for the HMAC-SHA256 signature. */
  secret: string;
  /** Seconds since the epoch; injectable for tests. */
  now?: () => number;
}

/**
 * Posts the message as JSON to any HTTPS endpoint, signed so the receiver can trust it:
 * `X-Lifeboat-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the shared secret>` and
 * `X-Lifeboat-Timestamp: <unix seconds>`. The body carries the same `timestamp`, so it is covered by
 * the signature: receivers verify the HMAC over the exact bytes, then reject stale timestamps (replays).
 *
 * @example
 * // receiver: timingSafeEqual(Buffer.from(header), Buffer.from('sha256=' + hmac(secret, rawBody)))
 * //           && Math.abs(Date.now() / 1000 - JSON.parse(rawBody).timestamp) < 300
 */
export class SignedWebhookNotifier implements Notifier {
  constructor(private readonly config: SignedWebhookConfig) {}

  static fromConfig(config: SignedWebhookConfig): SignedWebhookNotifier {
    return new SignedWebhookNotifier(config);
  }

  async send(message: NotificationMessage): Promise<void> {
    const timestamp = Math.floor(this.config.now?.() ?? Date.now() / 1000);
    const body = JSON.stringify({ ...message, timestamp, source: 'lifeboat' });
    const headers = { 'X-Lifeboat-Signature': signature(this.config.secret, body), 'X-Lifeboat-Timestamp': String(timestamp) };
    await postJson(this.config.url, body, { provider: 'webhook', secrets: [this.config.url, this.config.secret], headers });
  }
}

/** `sha256=` + hex HMAC-SHA256 of the body: what the X-Lifeboat-Signature header carries. */
export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
