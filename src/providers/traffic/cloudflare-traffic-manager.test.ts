import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import { FakeCloudflare } from '../../../test/support/fakes/fake-cloudflare.js';
import { CloudflareTrafficManager } from './cloudflare-traffic-manager.js';

const TOKEN = 'cf-token-Zx81nQpLr0aa';
const ZONE = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' };
const RECORDS = `/client/v4/zones/${ZONE.id}/dns_records`;

describe('CloudflareTrafficManager against a local Cloudflare API', () => {
  let cloudflare: FakeCloudflare;
  let sut: CloudflareTrafficManager;

  beforeEach(async () => {
    cloudflare = await FakeCloudflare.start(ZONE, TOKEN);
    sut = CloudflareTrafficManager.fromConfig({ apiToken: TOKEN, zone: ZONE.id, record: 'app.example.com.', type: 'A', endpoint: cloudflare.url });
  });
  afterEach(() => cloudflare.close());

  it('reads the record by name and type with a bearer token', async () => {
    cloudflare.records.push({ id: 'a1', name: 'app.example.com', type: 'A', content: '10.0.0.1', ttl: 60, proxied: false });

    const state = await sut.current();

    expect(state).toEqual({ targets: ['10.0.0.1'], ttl: Duration.seconds(60) });
    const [req] = cloudflare.requests;
    expect([req?.method, req?.path]).toEqual(['GET', RECORDS]);
    expect(Object.fromEntries(req?.query ?? [])).toEqual({ name: 'app.example.com', type: 'A' });
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers['content-type']).toBe('application/json');
  });

  it('answers undefined when there is no record, and reads ttl 1 as automatic (300s)', async () => {
    const none = await sut.current();
    cloudflare.records.push({ id: 'a1', name: 'app.example.com', type: 'A', content: '10.0.0.1', ttl: 1, proxied: false });

    const auto = await sut.current();

    expect(none).toBeUndefined();
    expect(auto?.ttl).toEqual(Duration.seconds(300));
  });

  it('creates the record with exactly {type, name, content, ttl, proxied: false}, once', async () => {
    await sut.pointTo(['10.0.0.2'], Duration.seconds(60));
    await sut.pointTo(['10.0.0.2'], Duration.seconds(60));

    const writes = cloudflare.requests.filter((r) => r.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect([writes[0]?.method, writes[0]?.path]).toEqual(['POST', RECORDS]);
    expect(writes[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(writes[0]?.body ?? '')).toEqual({ type: 'A', name: 'app.example.com', content: '10.0.0.2', ttl: 60, proxied: false });
    expect(await sut.current()).toEqual({ targets: ['10.0.0.2'], ttl: Duration.seconds(60) });
  });

  it('fails over by overwriting the old record in place (PUT), never leaving the name empty', async () => {
    cloudflare.records.push({ id: 'a1', name: 'app.example.com', type: 'A', content: '10.0.0.1', ttl: 60, proxied: false });

    await sut.pointTo(['10.0.0.2'], Duration.seconds(60));

    const writes = cloudflare.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${RECORDS}/a1`]);
    expect(JSON.parse(writes[0]?.body ?? '')).toEqual({ type: 'A', name: 'app.example.com', content: '10.0.0.2', ttl: 60, proxied: false });
    expect(cloudflare.records).toEqual([{ id: 'a1', name: 'app.example.com', type: 'A', content: '10.0.0.2', ttl: 60, proxied: false }]);
  });

  it('goes from two answers to one: overwrite one record, delete the other', async () => {
    cloudflare.records.push(
      { id: 'a1', name: 'app.example.com', type: 'A', content: '10.0.0.1', ttl: 60, proxied: false },
      { id: 'a2', name: 'app.example.com', type: 'A', content: '10.0.0.3', ttl: 60, proxied: false },
    );

    await sut.pointTo(['10.0.0.2'], Duration.seconds(60));

    const writes = cloudflare.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${RECORDS}/a1`, `DELETE ${RECORDS}/a2`]);
    expect(writes[1]?.body).toBe('');
    expect(await sut.current()).toEqual({ targets: ['10.0.0.2'], ttl: Duration.seconds(60) });
  });

  it('resolves a zone name to its id once through GET /zones?name=', async () => {
    const byName = CloudflareTrafficManager.fromConfig({ apiToken: TOKEN, zone: 'example.com', record: 'app.example.com', type: 'A', endpoint: cloudflare.url });

    await byName.pointTo(['10.0.0.2'], Duration.seconds(60));
    await byName.current();

    const zoneLookups = cloudflare.requests.filter((r) => r.path === '/client/v4/zones');
    expect(zoneLookups).toHaveLength(1);
    expect(Object.fromEntries(zoneLookups[0]?.query ?? [])).toEqual({ name: 'example.com' });
    expect(cloudflare.records.map((r) => r.content)).toEqual(['10.0.0.2']);
  });

  it('treats a single 100% weight as pointTo', async () => {
    await sut.weigh({ '10.0.0.2': 100, '10.0.0.1': 0 }, Duration.seconds(60));

    expect(cloudflare.records.map((r) => r.content)).toEqual(['10.0.0.2']);
  });

  it('refuses to split by weight, before calling Cloudflare: that needs its Load Balancing product', async () => {
    const error = await sut.weigh({ '10.0.0.1': 90, '10.0.0.2': 10 }, Duration.seconds(60)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'cloudflare', operation: 'weigh', retryable: false });
    expect((error as Error).message).toMatch(/Load Balancing/);
    expect(cloudflare.requests).toHaveLength(0);
  });
});

describe('CloudflareTrafficManager errors', () => {
  let cloudflare: FakeCloudflare;

  beforeEach(async () => {
    cloudflare = await FakeCloudflare.start(ZONE, TOKEN);
  });
  afterEach(() => cloudflare.close());

  const sutWith = (token: string, zone = ZONE.id): CloudflareTrafficManager =>
    CloudflareTrafficManager.fromConfig({ apiToken: token, zone, record: 'app.example.com', type: 'A', endpoint: cloudflare.url });

  it.each([
    [500, 10001, 'Internal server error', true],
    [503, 10002, 'Service unavailable', true],
    [429, 10000, 'Rate limited', true],
    [400, 9005, 'Content for A record is invalid.', false],
    [404, 81044, 'Record does not exist.', false],
  ])('HTTP %i (code %i) becomes a ProviderError; retryable: %s', async (status, code, message, retryable) => {
    cloudflare.failNext(status, [{ code, message: `${message} (token ${TOKEN})` }]);

    const error = await sutWith(TOKEN).pointTo(['10.0.0.2'], Duration.seconds(60)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'cloudflare', status, retryable });
    expect((error as Error).message).toContain(`${code} ${message}`);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('reports a refused token (403, success:false) without the token', async () => {
    const error = await sutWith('wrong-token-abcdef').current().catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'cloudflare', status: 403, retryable: false });
    expect((error as Error).message).toContain('10000 Authentication error');
    expect((error as Error).message).not.toContain('wrong-token-abcdef');
  });

  it('names a zone the token cannot see', async () => {
    const error = await sutWith(TOKEN, 'missing.example').current().catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'cloudflare', retryable: false });
    expect((error as Error).message).toContain('no zone named missing.example');
  });

  it('reports an unreachable API as retryable', async () => {
    await cloudflare.close();

    const error = await sutWith(TOKEN).current().catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'cloudflare', retryable: true, status: undefined });
    expect((error as Error).message).not.toContain(TOKEN);
  });
});
