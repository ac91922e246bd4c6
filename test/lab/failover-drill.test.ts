import { Resolver } from 'node:dns/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import { labFailoverDrill, restoreLabBaseline, type LabDrillResult } from '../../src/lab/lab-drill.js';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { httpGet } from '../../src/lab/probes.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { regionClients, velero } from '../support/lab-client.js';

const PLAN = 'examples/lab.yaml';

describe('a full failover of the seeded platform after region-a really fails', () => {
  let drill: LabDrillResult;

  afterAll(async () => {
    await restoreLabBaseline(PLAN);
  });

  it('runs the failover runbook to success', async () => {
    drill = await labFailoverDrill({ planFile: PLAN, progress: () => undefined });

    expect(drill.report.result.outcome).toBe('succeeded');
  }, 600_000);

  it('leaves the platform Running in region-b', async () => {
    const b = regionClients('region-b');
    for (const ns of ['production', 'monitoring', 'ingress-system']) {
      const pods = (await b.core.listNamespacedPod({ namespace: ns })).items;
      expect(pods.length, ns).toBeGreaterThan(0);
      expect(pods.every((p) => p.status?.phase === 'Running'), ns).toBe(true);
    }
  });

  it('creates exactly one Velero Restore per namespace, labelled with the run', async () => {
    const b = regionClients('region-b');
    const list = (await b.custom.listNamespacedCustomObject({ ...velero, plural: 'restores', labelSelector: `lifeboat.dev/run=${drill.report.runId}` })) as { items: Array<{ spec: { includedNamespaces: string[] } }> };
    const namespaces = list.items.flatMap((r) => r.spec.includedNamespaces).sort();

    expect(namespaces).toEqual(['ingress-system', 'monitoring', 'production']);
  });

  it('answers app.lab.test with region-b over real DNS, and region-b\'s ingress serves', async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
    const b = regionNet('region-b').regionIp;

    expect(await resolver.resolve4('app.lab.test')).toEqual([b]);
    expect((await httpGet(`http://${b}:${PORTS.ingress}/`, 2000, { host: 'app.lab.test' })).status).toBe(200);
  });

  it('measures RTO and RPO within the plan objectives and each phase against its budget', () => {
    const o = drill.report.outcome;

    expect(o.rto?.toMilliseconds()).toBeGreaterThan(0);
    expect(o.rpo?.toMilliseconds()).toBeGreaterThan(0);
    expect(o.objectives.rtoMet).toBe(true);
    expect(o.objectives.rpoMet).toBe(true);
    expect(o.restored.map((r) => r.backup)).toEqual(Array(3).fill(drill.backups[0]?.name));
    expect(o.measurement.phases.map((p) => p.phase)).toEqual(expect.arrayContaining(['confirm', 'declare', 'fence', 'restore', 'verify', 'switchTraffic', 'watch', 'notify']));
    expect(o.measurement.phases.every((p) => p.elapsed !== undefined)).toBe(true);
  });

  it('keeps a journal whose hash chain verifies', () => {
    expect(verifyChain(drill.report.entries, new NodeCryptoHasher())).toEqual({ ok: true });
  });

  it('fences region-a when it comes back: its workloads stay at 0 and its storage location is ReadOnly', async () => {
    const a = regionClients('region-a');
    const web = await a.apps.readNamespacedDeployment({ namespace: 'production', name: 'web' });
    const bsl = (await a.custom.getNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name: 'default' })) as { spec: { accessMode: string } };

    expect(web.spec?.replicas).toBe(0);
    expect(bsl.spec.accessMode).toBe('ReadOnly');
  });
});
