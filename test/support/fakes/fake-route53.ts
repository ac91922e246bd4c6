import { LocalHttpServer, type FakeResponse, type RecordedRequest } from './local-http-server.js';
import { sigV4Problem } from './sigv4-verifier.js';

/**
 * Plays Amazon Route 53 on loopback, following the Route 53 API Reference (version 2013-04-01):
 * "ChangeResourceRecordSets" (POST /2013-04-01/hostedzone/{Id}/rrset, XML ChangeResourceRecordSetsRequest),
 * "ListResourceRecordSets" (GET /2013-04-01/hostedzone/{Id}/rrset?name=&type=), "Common Errors" and
 * "Signature Version 4 signing process" (Authorization + X-Amz-Date headers, the signature recomputed
 * with the secret key: a wrong one is answered 403 SignatureDoesNotMatch, as Route 53 does).
 * Errors use the ErrorResponse/Error/Code body Route 53 sends, InvalidChangeBatch included.
 * Anything else is answered 404, so a request the reference does not prescribe fails the test.
 */
export interface FakeRecordSet { name: string; type: string; ttl: number; values: string[]; setIdentifier?: string; weight?: number }

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/us-east-1\/route53\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;

export class FakeRoute53 {
  readonly sets: FakeRecordSet[] = [];
  private failures: Array<{ method: string | undefined; response: FakeResponse }> = [];
  private constructor(readonly server: LocalHttpServer, readonly zoneId: string) {}

  static async start(zoneId: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<FakeRoute53> {
    const ref: { fake?: FakeRoute53 } = {};
    const server = await LocalHttpServer.start((req) => ref.fake?.answer(req, credentials) ?? { status: 503 });
    ref.fake = new FakeRoute53(server, zoneId);
    return ref.fake;
  }

  get url(): string { return this.server.url; }
  get requests(): RecordedRequest[] { return this.server.requests; }
  close(): Promise<void> { return this.server.close(); }

  /** The next request (with this method, if given) is answered with this error: HTTP status, Route 53 error code, message. */
  failNext(status: number, code: string, message: string, method?: 'GET' | 'POST'): void {
    this.failures.push({ method, response: { status, headers: { 'content-type': 'text/xml' }, body: errorXml(status < 500 ? 'Sender' : 'Receiver', code, message) } });
  }

  private answer(req: RecordedRequest, credentials: { accessKeyId: string; secretAccessKey: string }): FakeResponse {
    const auth = SIGV4.exec(String(req.headers.authorization ?? ''));
    const date = String(req.headers['x-amz-date'] ?? '');
    if (!auth || auth[1] !== credentials.accessKeyId || !/^\d{8}T\d{6}Z$/.test(date) || !auth[3]?.includes('x-amz-date')) {
      return { status: 403, body: errorXml('Sender', 'IncompleteSignature', 'Authorization header is not a valid SigV4 route53 signature') };
    }
    const problem = sigV4Problem(req, credentials.secretAccessKey, 'route53');
    if (problem) return { status: 403, body: errorXml('Sender', 'SignatureDoesNotMatch', `The request signature we calculated does not match the signature you provided (${problem})`) };
    const failure = this.failures.findIndex((f) => f.method === undefined || f.method === req.method);
    if (failure >= 0) return this.failures.splice(failure, 1)[0]?.response ?? { status: 500 };
    if (req.path !== `/2013-04-01/hostedzone/${this.zoneId}/rrset`) return { status: 404, body: errorXml('Sender', 'NoSuchHostedZone', `No hosted zone found with ID: ${req.path}`) };
    if (req.method === 'GET') return this.list(req.query);
    if (req.method === 'POST') return this.change(req.body);
    return { status: 405 };
  }

  /** ListResourceRecordSets: sets in (name, type) order starting at name+type. */
  private list(query: URLSearchParams): FakeResponse {
    const name = query.get('name') ?? '';
    const type = query.get('type') ?? '';
    const from = this.sets.filter((s) => s.name > name || (s.name === name && s.type >= type));
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets>${from.map(setXml).join('')}</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`;
    return { status: 200, headers: { 'content-type': 'text/xml' }, body };
  }

  /** ChangeResourceRecordSets: all changes apply or none (the batch is atomic). */
  private change(body: string): FakeResponse {
    if (!body.startsWith(`<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes>`)) {
      return { status: 400, body: errorXml('Sender', 'MalformedInput', 'ChangeBatch is not valid, expected ChangeResourceRecordSetsRequest') };
    }
    const next = [...this.sets];
    for (const m of body.matchAll(/<Change><Action>(\w+)<\/Action><ResourceRecordSet>(.*?)<\/ResourceRecordSet><\/Change>/g)) {
      const problem = apply(next, m[1] ?? '', parseSet(m[2] ?? ''));
      if (problem) return { status: 400, headers: { 'content-type': 'text/xml' }, body: errorXml('Sender', 'InvalidChangeBatch', `[${problem}]`) };
    }
    this.sets.splice(0, this.sets.length, ...next.sort((a, b) => (a.name + a.type).localeCompare(b.name + b.type)));
    const info = `<ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>PENDING</Status><SubmittedAt>2026-11-25T03:00:00.000Z</SubmittedAt></ChangeInfo>`;
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n<ChangeResourceRecordSetsResponse xmlns="${NS}">${info}</ChangeResourceRecordSetsResponse>` };
  }
}

function apply(sets: FakeRecordSet[], action: string, set: FakeRecordSet): string | undefined {
  const i = sets.findIndex((s) => s.name === set.name && s.type === set.type && s.setIdentifier === set.setIdentifier);
  const label = `[name='${set.name}', type='${set.type}'${set.setIdentifier ? `, set-identifier='${set.setIdentifier}'` : ''}]`;
  if (action === 'DELETE') {
    if (i < 0) return `Tried to delete resource record set ${label} but it was not found`;
    if (JSON.stringify(sets[i]) !== JSON.stringify(set)) return `Tried to delete resource record set ${label} but the values provided do not match the current values`;
    sets.splice(i, 1);
    return undefined;
  }
  if (action !== 'UPSERT') return `Unsupported action ${action}`;
  const clash = sets.some((s) => s.name === set.name && s.type === set.type && (s.setIdentifier === undefined) !== (set.setIdentifier === undefined));
  if (clash) return `RRSet of type ${set.type} with DNS name ${set.name} is not permitted because a conflicting RRSet of type ${set.type} with the same DNS name already exists`;
  if (i >= 0) sets[i] = set;
  else sets.push(set);
  return undefined;
}

function parseSet(xml: string): FakeRecordSet {
  const one = (tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  const weight = one('Weight');
  const set: FakeRecordSet = { name: one('Name') ?? '', type: one('Type') ?? '', ttl: Number(one('TTL')), values: [...xml.matchAll(/<Value>([^<]*)<\/Value>/g)].map((m) => m[1] ?? '') };
  if (one('SetIdentifier') !== undefined) set.setIdentifier = one('SetIdentifier');
  if (weight !== undefined) set.weight = Number(weight);
  return set;
}

function setXml(s: FakeRecordSet): string {
  const weighted = s.setIdentifier === undefined ? '' : `<SetIdentifier>${s.setIdentifier}</SetIdentifier><Weight>${s.weight ?? 0}</Weight>`;
  const records = s.values.map((v) => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`).join('');
  return `<ResourceRecordSet><Name>${s.name}</Name><Type>${s.type}</Type>${weighted}<TTL>${s.ttl}</TTL><ResourceRecords>${records}</ResourceRecords></ResourceRecordSet>`;
}

function errorXml(type: string, code: string, message: string): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>ca6b6a9b-f2be-44c9-8d94-f7dfb3448d10</RequestId></ErrorResponse>`;
}
