import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, ROLES, type Role } from '../../src/server/auth/roles.js';
import type { RouteDef } from '../../src/server/routes/route-def.js';
import { CALLERS, PLANTED, startTestServer, type Caller, type TestServer } from './server-harness.js';

/** How to call one route successfully: its path and body, what it answers when allowed. */
interface Sample {
  path: string;
  body?: unknown;
  ok: number;
}

const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
let h: TestServer;
let endedRun: string;

/**
 * One sample per route of the route table, keyed by its id. A route added to the table without a
 * sample fails the "every route has a sample" test, so the matrix always covers every route.
 */
const SAMPLES: Record<string, (h: TestServer) => Sample | Promise<Sample>> = {
  'GET /healthz': () => ({ path: '/healthz', ok: 200 }),
  'GET /openapi.json': () => ({ path: '/openapi.json', ok: 200 }),
  'GET /metrics': () => ({ path: '/metrics', ok: 200 }),
  'GET /v1/plans': () => ({ path: '/v1/plans', ok: 200 }),
  'GET /v1/plans/{plan}': () => ({ path: '/v1/plans/platform', ok: 200 }),
  'GET /v1/plans/{plan}/posture': () => ({ path: '/v1/plans/platform/posture', ok: 200 }),
  'GET /v1/runs': () => ({ path: '/v1/runs?plan=lab', ok: 200 }),
  'GET /v1/runs/{run}': () => ({ path: `/v1/runs/${endedRun}`, ok: 200 }),
  'GET /v1/runs/{run}/events': () => ({ path: `/v1/runs/${endedRun}/events`, ok: 200 }),
  'POST /v1/plans/{plan}/failover': async (t) => { await t.settle('platform'); return { path: '/v1/plans/platform/failover', body: { reason: 'matrix' }, ok: 202 }; },
  'POST /v1/plans/{plan}/failback': async (t) => { await t.settle('payments'); return { path: '/v1/plans/payments/failback', body: { reason: 'matrix' }, ok: 202 }; },
  'POST /v1/runs/{run}/approve': async (t) => ({ path: `/v1/runs/${await t.waitingRun('lab')}/approve`, body: { comment: 'matrix' }, ok: 200 }),
  'POST /v1/runs/{run}/reject': async (t) => ({ path: `/v1/runs/${await t.waitingRun('lab')}/reject`, body: { reason: 'matrix' }, ok: 200 }),
  'POST /v1/runs/{run}/abort': async (t) => ({ path: `/v1/runs/${await t.waitingRun('lab')}/abort`, body: { reason: 'matrix' }, ok: 202 }),
  'GET /v1/drills': () => ({ path: '/v1/drills', ok: 200 }),
  'POST /v1/plans/{plan}/drills/{kind}': async (t) => { await t.settle('storefront.drill'); return { path: '/v1/plans/storefront/drills/component', body: {}, ok: 202 }; },
  'GET /v1/evidence': () => ({ path: '/v1/evidence', ok: 200 }),
  'GET /v1/evidence/{run}/verify': () => ({ path: `/v1/evidence/${endedRun}/verify`, ok: 200 }),
  'GET /v1/evidence/{run}/{file}': () => ({ path: `/v1/evidence/${endedRun}/manifest.json`, ok: 200 }),
  'POST /v1/alerts': () => ({ path: '/v1/alerts', body: { version: '4', groupKey: '{}:{}', status: 'resolved', receiver: 'lifeboat', alerts: [] }, ok: 200 }),
  'GET /v1/audit/{day}': () => ({ path: `/v1/audit/${today}`, ok: 200 }),
  'POST /v1/admin/reload': () => ({ path: '/v1/admin/reload', ok: 200 }),
};

/** The success status of each mutating route's sample. */
const SAMPLE_OK: Record<string, number> = {
  'POST /v1/plans/{plan}/failover': 202, 'POST /v1/plans/{plan}/failback': 202, 'POST /v1/runs/{run}/approve': 200, 'POST /v1/runs/{run}/reject': 200,
  'POST /v1/runs/{run}/abort': 202, 'POST /v1/plans/{plan}/drills/{kind}': 202, 'POST /v1/alerts': 200, 'POST /v1/admin/reload': 200,
};

function expected(route: RouteDef, caller: Caller, ok: number): number {
  if (route.access === 'open') return ok;
  if (caller === 'none' || caller === 'bad') return 401;
  return hasRole(caller, route.access) ? ok : 403;
}

beforeAll(async () => {
  h = await startTestServer();
  const { runId } = await h.server.deps.runs.startRunbook({ plan: h.server.deps.plans.get('lab'), kind: 'failback', actor: 'api:starter', approve: false });
  await h.waitFor(runId, 'gate-waiting');
  await h.call('POST', `/v1/runs/${runId}/reject`, { as: 'approver', body: { reason: 'set up an ended run for the matrix' } });
  await h.waitFor(runId, 'run-failed');
  endedRun = runId;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const bundle = `${h.server.paths.stateDir}/evidence/${runId}`;
  mkdirSync(bundle, { recursive: true });
  writeFileSync(`${bundle}/manifest.json`, JSON.stringify({ runId, createdAt: new Date().toISOString(), files: { 'report.json': '0'.repeat(64) } }));
}, 30_000);

afterAll(async () => {
  await h?.close();
});

describe('authorization matrix (generated from the route table)', () => {
  it('has a sample for every route, and a route for every sample', () => {
    const ids = h.server.app.routes.map((r) => r.id);

    expect(ids.filter((id) => !(id in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('marks every POST as mutating (audited) and covers them all', () => {
    const sut = h.server.app.routes.filter((r) => r.mutating).map((r) => r.id);

    expect(sut).toEqual(expect.arrayContaining([
      'POST /v1/plans/{plan}/failover', 'POST /v1/plans/{plan}/failback', 'POST /v1/runs/{run}/approve', 'POST /v1/runs/{run}/reject',
      'POST /v1/runs/{run}/abort', 'POST /v1/plans/{plan}/drills/{kind}', 'POST /v1/alerts', 'POST /v1/admin/reload',
    ]));
    expect(sut.every((id) => id.startsWith('POST '))).toBe(true);
  });

  it('answers each route × caller as its role demands (401 without a valid token, 403 below the role, success at or above)', async () => {
    const seen: string[] = [];
    for (const route of h.server.app.routes) {
      for (const caller of CALLERS) {
        const sample = await (SAMPLES[route.id] as (t: TestServer) => Sample | Promise<Sample>)(h);
        const sut = await h.call(route.route.method.toUpperCase(), sample.path, { as: caller, ...(sample.body !== undefined ? { body: sample.body } : {}) });

        const want = expected(route, caller, sample.ok);
        seen.push(`${route.id} as ${caller}: ${sut.status}${sut.status === want ? '' : ` (expected ${want}: ${sut.text.slice(0, 200)})`}`);
      }
    }

    expect(seen.filter((line) => line.includes('expected'))).toEqual([]);
    expect(seen).toHaveLength(h.server.app.routes.length * CALLERS.length);
  }, 120_000);

  it('refreshing posture needs operator: a viewer may read the cached posture but not force an evaluation', async () => {
    const viewer = await h.call('GET', '/v1/plans/platform/posture?refresh=true', { as: 'viewer' });
    const operator = await h.call('GET', '/v1/plans/platform/posture?refresh=true', { as: 'operator' });

    expect(viewer.status).toBe(403);
    expect(viewer.json.error).toMatchObject({ code: 'forbidden', details: { needed: 'operator', held: 'viewer' } });
    expect(operator.status).toBe(200);
  });

  it('every denial is an error body with a code, and never a secret', async () => {
    const sut = await h.call('POST', '/v1/plans/platform/failover', { as: 'viewer', body: { reason: PLANTED.SLACK_WEBHOOK_URL } });

    expect(sut.status).toBe(403);
    expect(Object.keys(sut.json as object)).toEqual(['error']);
    expect(sut.text).not.toContain('plantedSlackSecret');
  });

  it.each(ROLES.map((r) => [r] as [Role]))('audits the mutating calls of %s with its actor and status, refused ones included', async (role) => {
    const sut = await h.server.deps.audit.day(`audit-${today}`);

    const calls = sut.entries.flatMap((e) => (e.kind === 'step-succeeded' ? [e.output as { actor: string; route: string; status: number }] : []));
    const mine = calls.filter((c) => c.actor === `api:${role}`);
    for (const route of h.server.app.routes.filter((r) => r.mutating)) {
      const status = hasRole(role, route.access as Role) ? SAMPLE_OK[route.id] : 403;
      expect(mine.some((c) => c.route === route.id && c.status === status)).toBe(true);
    }
    expect(sut.verdict).toEqual({ ok: true });
  });
});
