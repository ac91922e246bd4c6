import { Resolver } from 'node:dns/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { Lab } from '../../src/lab/lab.js';
import { labFailoverDrill, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { trafficManagerFor } from '../../src/wiring/failover-ports.js';
import { runFailover, type FailoverReport } from '../../src/wiring/run-failover.js';
import { regionClients, velero } from '../support/lab-client.js';

const PLAN = 'test/fixtures/plans/lab-crash.yaml';
const A = regionNet('region-a').regionIp;
const B = regionNet('region-b').regionIp;

function resolver(): Resolver {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
  return r;
}

async function failback(onEntry?: (kind: string, step: string) => void): Promise<FailoverReport> {
  const { plan, planText, connect } = labPlanContext(PLAN);
  return runFailover({
    kind: 'failback', plan, planText, namespaces: plan.spec.protection.namespaces.names, ...connect, approve: true,
    onEntry: (e) => onEntry?.(e.kind, 'step' in e ? String(e.step) : ''),
  });
}

describe('failback', () => {
  afterAll(async () => {
    await restoreLabBaseline(PLAN);
  }, 600_000);

  it('answers a weighted PowerDNS LUA record with both regions, and a 100% weight with one', async () => {
    const { plan, connect } = labPlanContext(PLAN);
    const sut = trafficManagerFor(plan, connect.env);
    try {
      await sut.weigh({ [A]: 50, [B]: 50 }, Duration.seconds(1));
      const answers = new Set<string>();
      for (let i = 0; i < 40; i++) for (const ip of await resolver().resolve4('app.lab.test')) answers.add(ip);
      expect([...answers].sort()).toEqual([A, B].sort());
      expect((await sut.current())?.weights).toEqual({ [A]: 50, [B]: 50 });

      await sut.weigh({ [A]: 100, [B]: 0 }, Duration.seconds(1));
      expect(await resolver().resolve4('app.lab.test')).toEqual([A]);
    } finally {
      await sut.pointTo([A], Duration.seconds(30));
    }
  });

  it('returns traffic to the recovered region-a through 10% -> 50% -> 100% behind health gates', async () => {
    await labFailoverDrill({ planFile: PLAN, progress: () => undefined });
    expect(await resolver().resolve4('app.lab.test')).toEqual([B]);

    const order: string[] = [];
    const report = await failback((kind, step) => { if (kind === 'step-succeeded' && /^(shift|health)-/.test(step)) order.push(step); });

    expect(report.result.outcome).toBe('succeeded');
    expect(order).toEqual(['shift-10', 'health-10', 'shift-50', 'health-50', 'shift-100', 'health-100']);
    expect(await resolver().resolve4('app.lab.test')).toEqual([A]);
    const pods = (await regionClients('region-a').core.listNamespacedPod({ namespace: 'production' })).items;
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
    const bslA = (await regionClients('region-a').custom.getNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name: 'default' })) as { spec: { accessMode: string } };
    const bslB = (await regionClients('region-b').custom.getNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name: 'default' })) as { spec: { accessMode: string } };
    expect([bslA.spec.accessMode, bslB.spec.accessMode]).toEqual(['ReadWrite', 'ReadOnly']);
    const web = await regionClients('region-b').apps.readNamespacedDeployment({ namespace: 'production', name: 'web' });
    expect(web.spec?.replicas).toBe(0);
  }, 900_000);

  it('rolls the shift back when a health gate fails: all traffic to region-b again', async () => {
    await labFailoverDrill({ planFile: PLAN, progress: () => undefined });
    const lab = new Lab();

    let failed = false;
    const report = await failback((kind, step) => {
      if (kind === 'step-succeeded' && step === 'shift-10' && !failed) {
        failed = true;
        void lab.fail('region-a');
      }
    });
    await lab.heal('region-a');

    expect(report.result.outcome).toBe('failed');
    expect(report.result.failure?.step).toBe('health-10');
    expect(report.entries.filter((e) => e.kind === 'compensation-succeeded').map((e) => ('step' in e ? e.step : ''))).toContain('shift-10');
    expect(await resolver().resolve4('app.lab.test')).toEqual([B]);
  }, 900_000);
});
