import { createHmac, timingSafeEqual } from 'node:crypto';
import { LocalHttpServer, type FakeResponse, type RecordedRequest } from './local-http-server.js';

/**
 * A receiver of Lifeboat's signed generic webhook (docs/notifications.md, "Signed webhook"): it checks
 * `X-Lifeboat-Signature: sha256=<hex HMAC-SHA256(raw body, secret)>` with its own HMAC and a
 * constant-time comparison, that `X-Lifeboat-Timestamp` equals the body's `timestamp`, and answers
 * 401 when either fails, 204 otherwise.
 */
export class FakeWebhookReceiver {
  private constructor(private readonly server: LocalHttpServer) {}

  static async start(secret: string, failWith?: number): Promise<FakeWebhookReceiver> {
    const server = await LocalHttpServer.start((req) => (failWith ? { status: failWith, body: 'receiver down' } : verify(req, secret)));
    return new FakeWebhookReceiver(server);
  }

  get url(): string { return `${this.server.url}/hooks/lifeboat?token=q5ecret`; }
  get requests(): RecordedRequest[] { return this.server.requests; }
  close(): Promise<void> { return this.server.close(); }
}

function verify(req: RecordedRequest, secret: string): FakeResponse {
  if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json') return { status: 415 };
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(req.body).digest('hex')}`);
  const given = Buffer.from(String(req.headers['x-lifeboat-signature'] ?? ''));
  const body = JSON.parse(req.body) as { timestamp?: number };
  const fresh = String(body.timestamp) === req.headers['x-lifeboat-timestamp'];
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || !fresh) return { status: 401, body: 'bad signature' };
  return { status: 204 };
}
