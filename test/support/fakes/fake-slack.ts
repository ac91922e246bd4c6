import { LocalHttpServer, type FakeResponse, type RecordedRequest } from './local-http-server.js';

/**
 * Plays a Slack incoming webhook on loopback, following Slack's API docs "Sending messages using
 * incoming webhooks" and "Handling errors": POST https://hooks.slack.com/services/T.../B.../<secret>
 * with `Content-type: application/json` and a JSON body holding `text` and/or `blocks`; answers
 * HTTP 200 `ok`, or a plain-text error word (`invalid_payload` 400, `no_service` 404, ...).
 */
export class FakeSlack {
  readonly hookPath = '/services/T0LIFEBOAT/B0LIFEBOAT/x9SeCrEtW3bhook0';
  private failures: FakeResponse[] = [];
  private constructor(private readonly server: LocalHttpServer) {}

  static async start(): Promise<FakeSlack> {
    const ref: { fake?: FakeSlack } = {};
    const server = await LocalHttpServer.start((req) => ref.fake?.answer(req) ?? { status: 503 });
    ref.fake = new FakeSlack(server);
    return ref.fake;
  }

  /** The webhook URL: the secret a plan's secret reference holds. */
  get webhookUrl(): string { return `${this.server.url}${this.hookPath}`; }
  get requests(): RecordedRequest[] { return this.server.requests; }
  close(): Promise<void> { return this.server.close(); }

  /** The next post is answered with this status and Slack error word. */
  failNext(status: number, word: string): void {
    this.failures.push({ status, headers: { 'content-type': 'text/html' }, body: word });
  }

  private answer(req: RecordedRequest): FakeResponse {
    const text = (status: number, body: string): FakeResponse => ({ status, headers: { 'content-type': 'text/html' }, body });
    if (req.method !== 'POST' || req.path !== this.hookPath) return text(404, 'no_service');
    if (!String(req.headers['content-type']).startsWith('application/json')) return text(400, 'invalid_payload');
    const failure = this.failures.shift();
    if (failure) return failure;
    const body = JSON.parse(req.body) as { text?: unknown; blocks?: unknown };
    const validBlocks = body.blocks === undefined || (Array.isArray(body.blocks) && body.blocks.every((b) => typeof (b as { type?: unknown }).type === 'string'));
    if (typeof body.text !== 'string' || !validBlocks) return text(400, 'invalid_payload');
    return text(200, 'ok');
  }
}
