import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import { FakeRoute53 } from '../../../test/support/fakes/fake-route53.js';
import { Route53TrafficManager } from './route53-traffic-manager.js';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes>';
const XML_TAIL = '</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>';
const plainSet = (ttl: number, ...values: string[]): string =>
  `<ResourceRecordSet><Name>app.example.com.</Name><Type>A</Type><TTL>${ttl}</TTL><ResourceRecords>${values.map((v) => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`).join('')}</ResourceRecords></ResourceRecordSet>`;
const weightedSet = (ttl: number, value: string, weight: number): string =>
  `<ResourceRecordSet><Name>app.example.com.</Name><Type>A</Type><SetIdentifier>${value}</SetIdentifier><Weight>${weight}</Weight><TTL>${ttl}</TTL><ResourceRecords><ResourceRecord><Value>${value}</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>`;
const change = (action: string, set: string): string => `<Change><Action>${action}</Action>${set}</Change>`;

describe('Route53TrafficManager against a local Route 53', () => {
  let route53: FakeRoute53;
  let sut: Route53TrafficManager;

  beforeEach(async () => {
    route53 = await FakeRoute53.start('Z0123456789ABC', { accessKeyId: KEY_ID, secretAccessKey: SECRET });
    sut = Route53TrafficManager.fromConfig({ hostedZoneId: '/hostedzone/Z0123456789ABC', record: 'app.example.com', type: 'A', accessKeyId: KEY_ID, secretAccessKey: SECRET, endpoint: route53.url });
  });
  afterEach(() => route53.close());

  it('reads the record with a signed ListResourceRecordSets starting at its name and type', async () => {
    route53.sets.push({ name: 'app.example.com.', type: 'A', ttl: 60, values: ['10.0.0.1'] }, { name: 'zz.example.com.', type: 'A', ttl: 60, values: ['10.9.9.9'] });

    const state = await sut.current();

    expect(state).toEqual({ targets: ['10.0.0.1'], ttl: Duration.seconds(60) });
    const [req] = route53.requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe('/2013-04-01/hostedzone/Z0123456789ABC/rrset');
    expect(Object.fromEntries(req?.query ?? [])).toEqual({ name: 'app.example.com.', type: 'A' });
    expect(req?.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/us-east-1/route53/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`));
    expect(req?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('answers undefined when the record does not exist', async () => {
    route53.sets.push({ name: 'other.example.com.', type: 'A', ttl: 60, values: ['10.0.0.1'] });

    const state = await sut.current();

    expect(state).toBeUndefined();
  });

  it('points the record at its targets with one UPSERT, and doing it again changes nothing', async () => {
    await sut.pointTo(['10.0.0.2', '10.0.0.3'], Duration.seconds(30));
    await sut.pointTo(['10.0.0.2', '10.0.0.3'], Duration.seconds(30));

    const posts = route53.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.path).toBe('/2013-04-01/hostedzone/Z0123456789ABC/rrset');
    expect(posts[0]?.body).toBe(XML_HEAD + change('UPSERT', plainSet(30, '10.0.0.2', '10.0.0.3')) + XML_TAIL);
    expect(posts[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/route53\/aws4_request, /);
    expect(posts[0]?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(route53.sets).toEqual([{ name: 'app.example.com.', type: 'A', ttl: 30, values: ['10.0.0.2', '10.0.0.3'] }]);
    expect(await sut.current()).toEqual({ targets: ['10.0.0.2', '10.0.0.3'], ttl: Duration.seconds(30) });
  });

  it('weighs with one weighted set per target, replacing the plain set in the same batch', async () => {
    route53.sets.push({ name: 'app.example.com.', type: 'A', ttl: 60, values: ['10.0.0.1'] });

    await sut.weigh({ '10.0.0.1': 90, '10.0.0.2': 10 }, Duration.seconds(60));

    const post = route53.requests.find((r) => r.method === 'POST');
    expect(post?.body).toBe(XML_HEAD + change('DELETE', plainSet(60, '10.0.0.1')) + change('UPSERT', weightedSet(60, '10.0.0.1', 90)) + change('UPSERT', weightedSet(60, '10.0.0.2', 10)) + XML_TAIL);
    expect(await sut.current()).toEqual({ targets: ['10.0.0.1', '10.0.0.2'], ttl: Duration.seconds(60), weights: { '10.0.0.1': 90, '10.0.0.2': 10 } });
  });

  it('shifts weights by deleting targets that dropped out, and returns to a plain record on pointTo', async () => {
    await sut.weigh({ '10.0.0.1': 50, '10.0.0.2': 50 }, Duration.seconds(60));
    await sut.weigh({ '10.0.0.2': 50, '10.0.0.3': 50 }, Duration.seconds(60));
    const shifted = await sut.current();

    await sut.pointTo(['10.0.0.3'], Duration.seconds(60));

    expect(shifted?.weights).toEqual({ '10.0.0.2': 50, '10.0.0.3': 50 });
    const last = route53.requests.filter((r) => r.method === 'POST').at(-1);
    expect(last?.body).toBe(XML_HEAD + change('DELETE', weightedSet(60, '10.0.0.2', 50)) + change('DELETE', weightedSet(60, '10.0.0.3', 50)) + change('UPSERT', plainSet(60, '10.0.0.3')) + XML_TAIL);
    expect(route53.sets).toEqual([{ name: 'app.example.com.', type: 'A', ttl: 60, values: ['10.0.0.3'] }]);
  });

  it('treats a single 100% weight as pointTo', async () => {
    await sut.weigh({ '10.0.0.2': 100, '10.0.0.1': 0 }, Duration.seconds(60));

    expect(route53.sets).toEqual([{ name: 'app.example.com.', type: 'A', ttl: 60, values: ['10.0.0.2'] }]);
  });

  it('never sends the secret access key', async () => {
    await sut.pointTo(['10.0.0.2'], Duration.seconds(60));

    for (const r of route53.requests) expect(JSON.stringify(r.headers) + r.body).not.toContain(SECRET);
  });
});

describe('Route53TrafficManager errors', () => {
  let route53: FakeRoute53;
  let sut: Route53TrafficManager;

  beforeEach(async () => {
    route53 = await FakeRoute53.start('Z0123456789ABC', { accessKeyId: KEY_ID, secretAccessKey: SECRET });
    sut = Route53TrafficManager.fromConfig({ hostedZoneId: 'Z0123456789ABC', record: 'app.example.com.', type: 'A', accessKeyId: KEY_ID, secretAccessKey: SECRET, endpoint: route53.url });
  });
  afterEach(() => route53.close());

  it('turns InvalidChangeBatch (400) into a ProviderError that is not retried and names Route 53\'s reason', async () => {
    route53.failNext(400, 'InvalidChangeBatch', `[Tried to create resource record set [name='app.example.com.', type='A'] but it already exists; key ${SECRET}]`, 'POST');

    const error = await sut.pointTo(['10.0.0.2'], Duration.seconds(60)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'route53', operation: 'ChangeResourceRecordSets', retryable: false, status: 400 });
    expect((error as Error).message).toContain('InvalidChangeBatch: [Tried to create resource record set');
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain(KEY_ID);
  });

  it.each([
    [500, 'InternalFailure', true],
    [503, 'ServiceUnavailable', true],
    [400, 'Throttling', true],
    [400, 'PriorRequestNotComplete', true],
    [403, 'AccessDenied', false],
    [404, 'NoSuchHostedZone', false],
  ])('HTTP %i %s is retryable: %s', async (status, code, retryable) => {
    route53.failNext(status, code, `${code} for ${KEY_ID}`);

    const error = await sut.current().catch((e: unknown) => e as ProviderError);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable, status });
    expect((error as Error).message).toContain(code);
    expect((error as Error).message).not.toContain(KEY_ID);
  });

  it('is refused (403 SignatureDoesNotMatch) when signed with another secret key: the fake recomputes SigV4', async () => {
    const wrong = Route53TrafficManager.fromConfig({ hostedZoneId: 'Z0123456789ABC', record: 'app.example.com', type: 'A', accessKeyId: KEY_ID, secretAccessKey: 'not/the+secret-key-0000', endpoint: route53.url });

    const error = await wrong.pointTo(['10.0.0.2'], Duration.seconds(60)).catch((e: unknown) => e as ProviderError);
    const signedRight = await sut.current();

    expect(error).toMatchObject({ provider: 'route53', status: 403, retryable: false });
    expect((error as Error).message).toContain('SignatureDoesNotMatch');
    expect((error as Error).message).not.toMatch(/not\/the\+secret-key-0000|AKIAIOSFODNN7EXAMPLE/);
    expect(signedRight).toBeUndefined();
  });

  it('reports an unreachable endpoint as retryable without credentials', async () => {
    await route53.close();
    const down = Route53TrafficManager.fromConfig({ hostedZoneId: 'Z1', record: 'app.example.com', type: 'A', accessKeyId: KEY_ID, secretAccessKey: SECRET, endpoint: route53.url });

    const error = await down.current().catch((e: unknown) => e as ProviderError);

    expect(error).toMatchObject({ provider: 'route53', retryable: true, status: undefined });
    expect((error as Error).message).not.toMatch(new RegExp(`${KEY_ID}|${SECRET.replace(/\//g, '\\/')}`));
  });
});
