import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeBackupRestorer } from '../../testing/fake-backup-restorer.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { FakeClusterOperator } from '../../testing/fake-cluster-operator.js';
import { FakeHttpProber } from '../../testing/fake-http-prober.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { Duration } from '../objectives/duration.js';
import { parsePlan } from '../plan/parse-plan.js';
import { RunbookRunner } from '../runbook/runner.js';
import { RestoreDrillExecutor } from './restore-drill-executor.js';
import { restoreDrillRunbook, scratchNamespace } from './restore-drill-runbook.js';
import { restoreDrillSummary } from './restore-drill-summary.js';

const plan = parsePlan(readFileSync('test/fixtures/plans/lab-crash.yaml', 'utf8'), 'lab-crash.yaml');
const RUN = 'component-lab-crash-20261125t030000z-ab12';

function setup(o: { backup?: boolean; ingressOk?: boolean } = {}) {
  const clock = new FakeClock(new Date('2026-11-25T03:00:00Z'));
  const hasher = new NodeCryptoHasher();
  const store = new InMemoryJournalStore({ hasher, clock });
  const b = new FakeClusterOperator();
  b.namespaces.add('lbdrill-production-dead');
  const restorer = new FakeBackupRestorer(b);
  if (o.backup !== false) {
    restorer.backups.push({
      name: 'platform-1', phase: 'Completed', startedAt: new Date('2026-11-25T02:55:00Z'), completedAt: new Date('2026-11-25T02:56:00Z'), storageLocation: 'default',
      namespaces: ['production'], deployments: [{ namespace: 'production', name: 'web', replicas: 3 }],
    });
  }
  const prober = new FakeHttpProber();
  prober.answer('http://10.213.2.2', o.ingressOk ?? true);
  const executor = new RestoreDrillExecutor(plan, { clusters: { 'region-a': new FakeClusterOperator(), 'region-b': b }, restorers: { 'region-b': restorer }, probers: [prober], clock });
  const sut = new RunbookRunner({ store, executor, clock, hasher, holder: 'test', pollInterval: Duration.seconds(1) });
  const run = async () => {
    const result = await clock.settle(sut.start({ runId: RUN, plan: 'lab-crash.drill', planHash: 'h', runbook: restoreDrillRunbook(plan, 'production', RUN), actor: 'test' }));
    return { result, entries: await store.read(RUN) };
  };
  return { b, restorer, prober, run };
}

describe('component restore drill', () => {
  const scratch = scratchNamespace('production', RUN);

  it('restores into a scratch namespace, checks it through the ingress, deletes it and earlier leftovers', async () => {
    const { b, restorer, prober, run } = setup();

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect([...restorer.restores.values()]).toEqual([expect.objectContaining({ namespace: 'production', target: scratch, phase: 'Completed' })]);
    expect(b.namespaces.has(scratch)).toBe(false);
    expect(b.namespaces.has('lbdrill-production-dead')).toBe(false);
    expect(prober.probes).toBeGreaterThan(0);
    expect(restoreDrillSummary(entries, { namespace: 'production', scratch })).toMatchObject({
      backup: 'platform-1', checks: [{ name: 'smoke check web', passed: true }], tables: [{ rows: [['production', scratch, 'platform-1', 'unknown', 'unknown', expect.stringMatching(/s$/)]] }],
    });
  });

  it('fails on a failing smoke check, names it, and still deletes the scratch namespace', async () => {
    const { b, run } = setup({ ingressOk: false });

    const { result, entries } = await run();

    expect(result.outcome).toBe('failed');
    expect(entries.find((e) => e.kind === 'run-failed')).toMatchObject({ step: 'smoke-checks', nextAction: expect.stringContaining('web') });
    expect(entries.some((e) => e.kind === 'compensation-succeeded' && e.step === 'restore-scratch')).toBe(true);
    expect(b.namespaces.has(scratch)).toBe(false);
    expect(restoreDrillSummary(entries, { namespace: 'production', scratch }).checks).toEqual([{ name: 'smoke checks', passed: false, detail: expect.stringContaining('web') }]);
  });

  it('fails at once, creating nothing, when no backup holds the namespace', async () => {
    const { restorer, run } = setup({ backup: false });

    const { result, entries } = await run();

    expect(result.outcome).toBe('failed');
    expect(entries.find((e) => e.kind === 'run-failed')).toMatchObject({ step: 'find-backup' });
    expect(entries.filter((e) => e.kind === 'step-failed')).toHaveLength(1);
    expect(restorer.restores.size).toBe(0);
  });

  it.each([
    ['production', 'component-x-ab12', 'lbdrill-production-ab12'],
    ['a'.repeat(70), 'run-zz99', `lbdrill-${'a'.repeat(50)}-zz99`],
  ])('names the scratch namespace of %s as a DNS label', (ns, run, expected) => {
    const name = scratchNamespace(ns, run);

    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
