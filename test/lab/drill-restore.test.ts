import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import { freshBackup, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { runRestoreDrill, type RestoreDrillReport } from '../../src/wiring/run-restore-drill.js';
import { eventually, regionClients, velero } from '../support/lab-client.js';

const PLAN = 'test/fixtures/plans/lab-crash.yaml';

/** True once the namespace is gone (the drill deletes it; the namespace controller finishes the job within seconds). */
async function namespaceGone(name: string): Promise<boolean> {
  const gone = (): Promise<boolean> => regionClients('region-b').core.readNamespace({ name }).then(() => false, (e: { code?: number }) => e.code === 404);
  return eventually(`namespace ${name} gone`, gone, 90_000, 1000).catch(() => false);
}

function outputOf(r: RestoreDrillReport, step: string): Record<string, unknown> | undefined {
  const e = r.entries.find((x) => x.kind === 'step-succeeded' && x.step === step);
  return e?.kind === 'step-succeeded' ? (e.output as Record<string, unknown>) : undefined;
}

describe('component restore drill: one namespace into a scratch namespace in the standby', () => {
  const ctx = labPlanContext(PLAN);
  let drill: RestoreDrillReport;

  beforeAll(async () => {
    await restoreLabBaseline(PLAN);
    await freshBackup(PLAN);
    // A scratch namespace a crashed drill left behind: the next drill must clear it.
    await regionClients('region-b').core.createNamespace({ body: { metadata: { name: 'lbdrill-production-dead' } } }).catch(() => undefined);
  }, 600_000);

  afterAll(async () => {
    await restoreLabBaseline(PLAN);
  }, 600_000);

  it('restores the newest backup of production into a scratch namespace, runs the smoke check, and cleans up', async () => {
    drill = await runRestoreDrill({ plan: ctx.plan, planText: ctx.planText, namespace: 'production', ...ctx.connect });

    expect(drill.result.outcome).toBe('succeeded');
    expect(drill.scratch).toMatch(/^lbdrill-production-/);
    expect(outputOf(drill, 'smoke-checks')).toMatchObject({ checks: [{ name: 'web', passed: true, status: 200, host: `${drill.scratch}.app.lab.test` }] });
    expect(outputOf(drill, 'verify-scratch')).toMatchObject({ namespace: drill.scratch, deployments: 2, available: 2 });
    expect(await namespaceGone(drill.scratch)).toBe(true);
  }, 600_000);

  it('cleared the scratch namespace a crashed drill had left', async () => {
    expect(outputOf(drill, 'clean-stale')).toMatchObject({ deleted: expect.arrayContaining(['lbdrill-production-dead']) });
    expect(await namespaceGone('lbdrill-production-dead')).toBe(true);
  });

  it('measures restore time and compares object counts with the backup', () => {
    const found = outputOf(drill, 'find-backup') as { objectsInBackup: number | null };
    const restored = outputOf(drill, 'restore-scratch') as { itemsRestored: number | null; restoreSeconds: number };

    expect(restored.restoreSeconds).toBeGreaterThan(0);
    expect(found.objectsInBackup).toBeGreaterThan(0);
    expect(restored.itemsRestored).toBeGreaterThan(0);
    expect(restored.itemsRestored).toBeLessThanOrEqual((found.objectsInBackup ?? 0) + 1);
  });

  it('made one Velero Restore mapping production to the scratch namespace, and left production untouched', async () => {
    const list = (await regionClients('region-b').custom.listNamespacedCustomObject({ ...velero, plural: 'restores', labelSelector: `lifeboat.dev/run=${drill.runId}` })) as { items: Array<{ spec: { namespaceMapping?: Record<string, string> } }> };

    expect(list.items.map((r) => r.spec.namespaceMapping)).toEqual([{ production: drill.scratch }]);
    expect(await namespaceGone('production')).toBe(true);
    expect(verifyChain(drill.entries, new NodeCryptoHasher())).toEqual({ ok: true });
  });

  it('reports a drill whose smoke check fails as failed, names the check, and still deletes the scratch namespace', async () => {
    const checks = ctx.plan.spec.drills.smokeChecks.map((c) => ({ ...c, expectStatus: 418 }));
    const plan = { ...ctx.plan, spec: { ...ctx.plan.spec, drills: { ...ctx.plan.spec.drills, smokeChecks: checks } } };

    const failed = await runRestoreDrill({ plan, planText: ctx.planText, namespace: 'production', ...ctx.connect });

    expect(failed.result.outcome).toBe('failed');
    expect(failed.entries.find((e) => e.kind === 'run-failed')).toMatchObject({ step: 'smoke-checks' });
    expect(failed.entries.find((e) => e.kind === 'step-failed' && e.step === 'smoke-checks')).toMatchObject({ error: expect.stringMatching(/web \(HTTP 200, expected 418\)/) });
    expect(failed.entries.some((e) => e.kind === 'compensation-succeeded' && e.step === 'restore-scratch')).toBe(true);
    expect(await namespaceGone(failed.scratch)).toBe(true);
  }, 600_000);
});
