import { json, LocalHttpServer, type FakeResponse, type RecordedRequest } from './local-http-server.js';

/**
 * Plays PagerDuty's Events API v2 on loopback, following the PagerDuty Developer Platform reference
 * "Events API v2 > Send an Event" (POST https://events.pagerduty.com/v2/enqueue, `Content-Type:
 * application/json`): routing_key (32 characters), event_action trigger|acknowledge|resolve,
 * dedup_key, and for trigger a payload with summary, source and severity critical|error|warning|info.
 * Answers 202 `{status: "success", message: "Event processed", dedup_key}`; an invalid event 400
 * `{status: "invalid event", message: "Event object is invalid", errors: [...]}`.
 */
export class FakePagerDuty {
  private failures: FakeResponse[] = [];
  private constructor(private readonly server: LocalHttpServer) {}

  static async start(): Promise<FakePagerDuty> {
    const ref: { fake?: FakePagerDuty } = {};
    const server = await LocalHttpServer.start((req) => ref.fake?.answer(req) ?? { status: 503 });
    ref.fake = new FakePagerDuty(server);
    return ref.fake;
  }

  get endpoint(): string { return `${this.server.url}/v2/enqueue`; }
  get requests(): RecordedRequest[] { return this.server.requests; }
  close(): Promise<void> { return this.server.close(); }

  failNext(status: number, body: unknown): void {
    this.failures.push(json(status, body));
  }

  private answer(req: RecordedRequest): FakeResponse {
    if (req.method !== 'POST' || req.path !== '/v2/enqueue') return json(404, { status: 'not found' });
    if (req.headers['content-type'] !== 'application/json') return invalid(['Content-Type must be application/json']);
    const failure = this.failures.shift();
    if (failure) return failure;
    const event = JSON.parse(req.body) as Record<string, unknown>;
    const errors = eventErrors(event);
    if (errors.length > 0) return invalid(errors);
    return json(202, { status: 'success', message: 'Event processed', dedup_key: event.dedup_key ?? 'generated-dedup-key' });
  }
}

function eventErrors(event: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (typeof event.routing_key !== 'string' || event.routing_key.length !== 32) errors.push("'routing_key' must be a 32 character string");
  if (!['trigger', 'acknowledge', 'resolve'].includes(String(event.event_action))) errors.push("'event_action' is invalid");
  if (event.event_action !== 'trigger') return errors;
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  if (typeof payload.summary !== 'string' || payload.summary.length === 0 || payload.summary.length > 1024) errors.push("'payload.summary' is missing or too long");
  if (typeof payload.source !== 'string' || payload.source.length === 0) errors.push("'payload.source' is missing");
  if (!['critical', 'error', 'warning', 'info'].includes(String(payload.severity))) errors.push("'payload.severity' is invalid");
  return errors;
}

function invalid(errors: string[]): FakeResponse {
  return json(400, { status: 'invalid event', message: 'Event object is invalid', errors });
}
