 
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDecision } from '../../src/core/trigger/alert-decision.js';
import { startTestServer, type TestServer } from './server-harness.js';

let h: TestServer;
const pages: Array<{ plan: string; decision: AlertDecision }> = [];

beforeAll(async () => {
  h = await startTestServer({ parts: { pager: (plan, decision) => { pages.push({ plan: plan.plan.metadata.name, decision }); return Promise.resolve(); } } });
}, 30_000);

afterAll(async () => {
  await h?.close();
});

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

/** An Alertmanager v4 webhook body, as its webhook_configs receiver POSTs it. */
function webhook(status: 'firing' | 'resolved', alerts: Array<{ fingerprint: string; plan: string; region: string; vantagePoint?: string; startedMinutesAgo: number; status?: 'firing' | 'resolved' }>): unknown {
  return {
    version: '4', groupKey: '{}/{severity="critical"}:{alertname="RegionDown"}', truncatedAlerts: 0, status, receiver: 'lifeboat',
    groupLabels: { alertname: 'RegionDown' }, commonLabels: { alertname: 'RegionDown' }, commonAnnotations: {}, externalURL: 'http://alertmanager.monitoring:9093',
    alerts: alerts.map((a) => ({
      status: a.status ?? status,
      labels: { alertname: 'RegionDown', lifeboat_plan: a.plan, region: a.region, ...(a.vantagePoint ? { vantage_point: a.vantagePoint } : {}) },
      annotations: { summary: `${a.region} probes failing` },
      startsAt: minutesAgo(a.startedMinutesAgo), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus:9090/graph', fingerprint: a.fingerprint,
    })),
  };
}

describe('POST /v1/alerts (Alertmanager webhook)', () => {
  it('pages when alerts fire short of the trigger, once per new alert', async () => {
    await h.settle('platform');
    const body = webhook('firing', [{ fingerprint: 'p1', plan: 'platform', region: 'region-a', vantagePoint: 'alertmanager-eu', startedMinutesAgo: 1 }]);

    const first = await h.call('POST', '/v1/alerts', { as: 'operator', body });
    const resent = await h.call('POST', '/v1/alerts', { as: 'operator', body });

    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ received: 1, ignored: 0, plans: [{ plan: 'platform', action: 'page' }] });
    expect(first.json.plans[0].reason).toContain('1 of 2 failing checks');
    expect(resent.json.plans[0]).toMatchObject({ action: 'page', deduplicated: true });
    expect(pages.filter((p) => p.plan === 'platform')).toHaveLength(1);
    await h.call('POST', '/v1/alerts', { as: 'operator', body: webhook('resolved', [{ fingerprint: 'p1', plan: 'platform', region: 'region-a', startedMinutesAgo: 1 }]) });
  });

  it('proposes a failover that waits for approvers, started by "trigger", and never starts a second one for the same alerts', async () => {
    const body = webhook('firing', [
      { fingerprint: 'f1', plan: 'platform', region: 'region-a', vantagePoint: 'alertmanager-eu', startedMinutesAgo: 10 },
      { fingerprint: 'f2', plan: 'platform', region: 'region-a', vantagePoint: 'alertmanager-eu', startedMinutesAgo: 7 },
    ]);

    const sut = await h.call('POST', '/v1/alerts', { as: 'operator', body });
    const runId: string = sut.json.plans[0].runId;
    await h.waitFor(runId, 'gate-waiting');
    const resent = await h.call('POST', '/v1/alerts', { as: 'operator', body });

    expect(sut.json.plans[0]).toMatchObject({ plan: 'platform', action: 'propose' });
    expect(resent.json.plans[0]).toMatchObject({ action: 'propose', runId, deduplicated: true });
    const run = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });
    expect(run.json).toMatchObject({ startedBy: 'trigger', state: 'unfinished' });
    expect(run.json.gates[0]).toMatchObject({ gate: 'declare', approvals: 1, waiting: true });
    expect((await h.server.journal.store.listRuns({ plan: 'platform' })).filter((r) => r.ended === undefined)).toHaveLength(1);
    const approved = await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: { comment: 'confirmed' } });
    expect(approved.json.open).toBe(true);
    await h.waitFor(runId, 'run-succeeded');
  });

  it('starts the failover on its own when the plan allows auto-failover', async () => {
    await h.settle('storefront');
    const body = webhook('firing', ['a1', 'a2', 'a3'].map((fingerprint) => ({ fingerprint, plan: 'storefront', region: 'us-east', vantagePoint: 'alertmanager-us', startedMinutesAgo: 2 })));

    const sut = await h.call('POST', '/v1/alerts', { as: 'operator', body });
    const runId: string = sut.json.plans[0].runId;
    await h.waitFor(runId, 'run-succeeded');

    expect(sut.json.plans[0]).toMatchObject({ plan: 'storefront', action: 'auto' });
    const run = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });
    expect(run.json.startedBy).toBe('trigger');
    expect(run.json.gates[0]).toMatchObject({ gate: 'declare', approvals: 0 });
  });

  it('reports alerts for plans it does not know and ignores alerts without plan and region labels', async () => {
    const body = webhook('firing', [{ fingerprint: 'u1', plan: 'no-such-plan', region: 'x', startedMinutesAgo: 1 }]) as { alerts: Array<{ labels: Record<string, string> }> };
    body.alerts.push({ ...body.alerts[0], labels: { alertname: 'Unrelated' } });

    const sut = await h.call('POST', '/v1/alerts', { as: 'operator', body });

    expect(sut.json).toMatchObject({ received: 2, ignored: 1, plans: [{ plan: 'no-such-plan', action: 'unknown-plan' }] });
  });

  it('refuses a payload that is not Alertmanager v4, naming the field', async () => {
    const sut = await h.call('POST', '/v1/alerts', { as: 'operator', body: { version: '3', status: 'firing', receiver: 'x', groupKey: 'g', alerts: [] } });

    expect(sut.status).toBe(422);
    expect(sut.json.error.details.issues[0].path).toBe('version');
  });
});
