/* eslint-disable @typescript-eslint/no-unsafe-argument -- response bodies are JSON, asserted field by field */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { RunbookRunner } from '../../src/core/runbook/runner.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import type { DrillRunners } from '../../src/server/runs/starters.js';
import { rb } from '../../src/testing/runbook-builders.js';
import { ScriptedStepExecutor } from '../../src/testing/scripted-step-executor.js';
import { drillRunners } from '../../src/wiring/server-runs.js';
import { PLANTED, startTestServer, type TestServer } from './server-harness.js';

let h: TestServer;
let real: TestServer;
const clock = SystemClock.fromConfig();

/** A failover drill that journals its run only after a while, as the real one does after detecting the outage. */
const delayedDrills: DrillRunners = {
  failover: (start) => {
    const runId = `drill-${start.plan.plan.metadata.name}-${Date.now().toString(36)}`;
    const never = start.plan.plan.metadata.name === 'payments';
    return {
      runId,
      startsLater: true,
      drive: async () => {
        await new Promise((r) => setTimeout(r, 400));
        if (never) throw new Error('the outage was never detected');
        const runner = new RunbookRunner({ store: h.server.journal.store, executor: new ScriptedStepExecutor(clock), clock, hasher: h.server.journal.hasher, holder: 'drill-test', pollInterval: Duration.milliseconds(20) });
        await runner.start({ runId, plan: start.plan.plan.metadata.name, planHash: 'h', runbook: rb.seq('failover', rb.step('confirm-outage'), rb.step('switch-traffic')), actor: start.actor });
      },
    };
  },
};

beforeAll(async () => {
  h = await startTestServer({ parts: { drillRunners: delayedDrills } });
  real = await startTestServer();
  real.server.deps.drills.runners.component = drillRunners({ journal: real.server.journal, env: { ...process.env, ...PLANTED, KUBECONFIG: '/nonexistent' } }).component;
  real.server.deps.drills.runners.failover = drillRunners({ journal: real.server.journal, env: { ...process.env, KUBECONFIG: '/nonexistent' } }).failover;
}, 30_000);

afterAll(async () => {
  await Promise.all([h?.close(), real?.close()]);
});

async function events(t: TestServer, runId: string): Promise<Array<{ event: string; data: string }>> {
  const text = await (await fetch(`${t.url}/v1/runs/${runId}/events`, { headers: { authorization: `Bearer ${t.tokens.viewer}` } })).text();
  return text.split('\n\n').filter((b) => b.includes('data:')).map((b) => ({
    event: /event: (\S+)/.exec(b)?.[1] ?? '', data: /data: (.*)/.exec(b)?.[1] ?? '',
  }));
}

describe('drills over the API', () => {
  it('accepts a failover drill at once and streams its run once the outage is detected and the run starts', async () => {
    const sut = await h.call('POST', '/v1/plans/lab/drills/failover', { as: 'operator', body: { reason: 'quarterly drill' } });

    expect(sut.status).toBe(202);
    expect((await h.call('GET', `/v1/runs/${sut.json.runId}`, { as: 'viewer' })).status).toBe(404);
    const stream = await events(h, sut.json.runId);
    expect(stream.filter((e) => e.event === 'entry').map((e) => (JSON.parse(e.data) as { kind: string }).kind)).toEqual([
      'run-started', 'step-started', 'step-succeeded', 'step-started', 'step-succeeded', 'run-succeeded',
    ]);
    expect(JSON.parse(stream.at(-1)?.data ?? '{}')).toMatchObject({ state: 'run-succeeded' });
    expect(JSON.parse(stream[0]?.data ?? '{}')).toMatchObject({ actor: 'api:operator' });
  });

  it('ends the stream of a drill whose run never started', async () => {
    const sut = await h.call('POST', '/v1/plans/payments/drills/failover', { as: 'operator', body: {} });

    const stream = await events(h, sut.json.runId);

    expect(sut.status).toBe(202);
    expect(stream).toEqual([{ event: 'end', data: JSON.stringify({ state: 'not-started', lastSeq: 0 }) }]);
  });

  it.each([
    ['a component drill of a namespace the plan does not protect', '/v1/plans/platform/drills/component', { namespace: 'kube-system' }, 'kube-system is not a protected namespace of platform'],
    ['a component drill without a cluster to restore into', '/v1/plans/platform/drills/component', { namespace: 'monitoring' }, 'spec.regions[region-a]'],
    ['a failover drill of a plan drilled through the lab', '/v1/plans/lab/drills/failover', {}, 'method "lab" fails a region through the local lab'],
    ['a failover drill without the primary\'s cluster', '/v1/plans/platform/drills/failover', {}, 'spec.regions[region-a]'],
  ])('with the wiring\'s own runners, refuses %s with a 400 naming why', async (_what, path, body, message) => {
    const sut = await real.call('POST', path, { as: 'operator', body });

    expect(sut.status).toBe(400);
    expect(sut.json.error.message).toContain(message);
  });
});
