import { isIPv4, isIPv6 } from 'node:net';
import { json, LocalHttpServer, type FakeResponse, type RecordedRequest } from './local-http-server.js';

/**
 * Plays Cloudflare's API v4 on loopback, following the Cloudflare API reference, "DNS > Records":
 * List DNS Records (GET /zones/{zone_id}/dns_records?name=&type=), Create (POST), Overwrite (PUT
 * /zones/{zone_id}/dns_records/{dns_record_id}), Delete (DELETE), and "Zones > List Zones"
 * (GET /zones?name=). Every call needs `Authorization: Bearer <token>` and `Content-Type: application/json`;
 * answers use the `{success, errors, messages, result}` envelope, failures `success: false` with
 * `errors: [{code, message}]`. Unknown routes are answered 404 (code 7003), as Cloudflare does.
 */
export interface FakeDnsRecord { id: string; name: string; type: string; content: string; ttl: number; proxied: boolean }

const BODY_KEYS = ['content', 'name', 'proxied', 'ttl', 'type'];

export class FakeCloudflare {
  readonly records: FakeDnsRecord[] = [];
  private failures: FakeResponse[] = [];
  private nextId = 1;
  private constructor(private readonly server: LocalHttpServer, private readonly zone: { id: string; name: string }, private readonly token: string) {}

  static async start(zone: { id: string; name: string }, token: string): Promise<FakeCloudflare> {
    const ref: { fake?: FakeCloudflare } = {};
    const server = await LocalHttpServer.start((req) => ref.fake?.answer(req) ?? { status: 503 });
    ref.fake = new FakeCloudflare(server, zone, token);
    return ref.fake;
  }

  /** The API base to configure: http://127.0.0.1:PORT/client/v4 */
  get url(): string { return `${this.server.url}/client/v4`; }
  get requests(): RecordedRequest[] { return this.server.requests; }
  close(): Promise<void> { return this.server.close(); }

  /** The next authenticated request is answered with this failure envelope. */
  failNext(status: number, errors: Array<{ code: number; message: string }>): void {
    this.failures.push(json(status, { success: false, errors, messages: [], result: null }));
  }

  private answer(req: RecordedRequest): FakeResponse {
    if (req.headers.authorization !== `Bearer ${this.token}`) return failure(403, 10000, 'Authentication error');
    if (req.headers['content-type'] !== 'application/json') return failure(400, 6003, 'Invalid request headers');
    const failed = this.failures.shift();
    if (failed) return failed;
    const zones = '/client/v4/zones';
    const records = `${zones}/${this.zone.id}/dns_records`;
    if (req.method === 'GET' && req.path === zones) return ok(req.query.get('name') === this.zone.name ? [this.zone] : []);
    if (req.method === 'GET' && req.path === records) return ok(this.records.filter((r) => r.name === req.query.get('name') && r.type === req.query.get('type')));
    if (req.method === 'POST' && req.path === records) return this.write(req.body, undefined);
    const id = req.path.startsWith(`${records}/`) ? req.path.slice(records.length + 1) : '';
    const i = this.records.findIndex((r) => r.id === id);
    if (i < 0) return failure(404, id ? 81044 : 7003, id ? 'Record does not exist.' : 'Could not route to this path');
    if (req.method === 'PUT') return this.write(req.body, i);
    if (req.method === 'DELETE') return ok({ id: this.records.splice(i, 1)[0]?.id });
    return failure(405, 10405, 'Method not allowed');
  }

  /** Create (index undefined) or overwrite a record from a request body with exactly the documented fields. */
  private write(text: string, index: number | undefined): FakeResponse {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(BODY_KEYS)) return failure(400, 9000, `expected exactly ${BODY_KEYS.join(', ')}`);
    const { type, name, content, ttl, proxied } = body as Omit<FakeDnsRecord, 'id'>;
    if (!isContentValid(type, content)) return failure(400, 9005, `Content for ${type} record is invalid.`);
    if (typeof ttl !== 'number' || (ttl !== 1 && ttl < 30) || typeof proxied !== 'boolean') return failure(400, 9003, 'Invalid TTL or proxied');
    const record: FakeDnsRecord = { id: index === undefined ? this.newId() : (this.records[index]?.id ?? ''), type, name, content, ttl, proxied };
    if (index === undefined) this.records.push(record);
    else this.records[index] = record;
    return ok(record);
  }

  private newId(): string {
    return (this.nextId++).toString(16).padStart(32, '0');
  }
}

function isContentValid(type: string, content: unknown): boolean {
  if (typeof content !== 'string') return false;
  if (type === 'A') return isIPv4(content);
  if (type === 'AAAA') return isIPv6(content);
  return type === 'CNAME' && content.length > 0;
}

function ok(result: unknown): FakeResponse {
  return json(200, { success: true, errors: [], messages: [], result });
}

function failure(status: number, code: number, message: string): FakeResponse {
  return json(status, { success: false, errors: [{ code, message }], messages: [], result: null });
}
