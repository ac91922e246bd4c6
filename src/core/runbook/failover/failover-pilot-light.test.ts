import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Duration } from '../../objectives/duration.js';
import { parsePlan } from '../../plan/parse-plan.js';
import type { DRPlan } from '../../plan/schema.js';
import { NodeCryptoHasher } from '../../../providers/store/node-crypto-hasher.js';
import { FakeBackupRestorer } from '../../../testing/fake-backup-restorer.js';
import { FakeCapacityScaler } from '../../../testing/fake-capacity-scaler.js';
import { FakeClock } from '../../../testing/fake-clock.js';
import { FakeClusterOperator } from '../../../testing/fake-cluster-operator.js';
import { FakeGitOpsSyncer } from '../../../testing/fake-gitops-syncer.js';
import { FakeHttpProber } from '../../../testing/fake-http-prober.js';
import { FakeTrafficManager } from '../../../testing/fake-traffic-manager.js';
import { InMemoryJournalStore } from '../../../testing/in-memory-journal-store.js';
import type { JournalEntry } from '../journal-entry.js';
import { RunbookRunner } from '../runner.js';
import { FailoverExecutor, type FailoverPorts } from './failover-executor.js';
import { failoverRunbook } from './failover-runbook.js';

const NAMESPACES = ['payments', 'payments-db'];
const PRIMARY = '203.0.113.50';
const PILOT = '198.51.100.50';

/** examples/pilot-light.yaml (Cluster API workers, Argo CD apps platform-base and payments), automatic. */
function pilotPlan(capacity?: DRPlan['spec']['capacity']): DRPlan {
  const plan = parsePlan(readFileSync('examples/pilot-light.yaml', 'utf8'), 'examples/pilot-light.yaml');
  return { ...plan, spec: { ...plan.spec, notifications: [], trigger: { ...plan.spec.trigger, autoFailover: true }, ...(capacity ? { capacity } : {}) } };
}

/** The primary down; the pilot region with no workers, nothing synced, a Completed backup in its catalog. */
function setup(plan: DRPlan = pilotPlan(), ports: Partial<FailoverPorts> = {}) {
  const clock = new FakeClock(new Date('2026-11-25T03:00:00Z'));
  const hasher = new NodeCryptoHasher();
  const store = new InMemoryJournalStore({ hasher, clock });
  const primary = new FakeClusterOperator();
  primary.reachable = false;
  const pilot = new FakeClusterOperator();
  const restorer = new FakeBackupRestorer(pilot);
  restorer.backups.push({
    name: 'payments-1', phase: 'Completed', startedAt: new Date('2026-11-25T02:55:00Z'), completedAt: new Date('2026-11-25T02:56:00Z'), storageLocation: 's3-eu-north',
    namespaces: NAMESPACES, deployments: [{ namespace: 'payments', name: 'api', replicas: 2 }, { namespace: 'payments-db', name: 'db', replicas: 1 }],
  });
  const prober = new FakeHttpProber();
  prober.answer(`http://${PILOT}`, true);
  const workers = new FakeCapacityScaler(clock, { standby: 0, active: 6 });
  const argo = new FakeGitOpsSyncer(clock);
  const traffic = new FakeTrafficManager({ targets: [PRIMARY], ttl: Duration.seconds(60) });
  const sut = new RunbookRunner({
    store, clock, hasher, holder: 'test', pollInterval: Duration.seconds(1),
    executor: new FailoverExecutor(plan, { clusters: { primary, pilot }, restorers: { pilot: restorer }, traffic, probers: [prober], clock, capacity: { pilot: workers }, gitops: { pilot: argo }, ...ports }),
  });
  const run = async (runId = 'run-1') => {
    const result = await clock.settle(sut.start({ runId, plan: plan.metadata.name, planHash: 'h', runbook: failoverRunbook(plan, NAMESPACES), actor: 'ic' }));
    return { result, entries: await store.read(runId) };
  };
  return { workers, argo, restorer, traffic, run };
}

const index = (entries: JournalEntry[], kind: JournalEntry['kind'], step: string): number => entries.findIndex((e) => e.kind === kind && 'step' in e && e.step === step);

describe('pilot-light failover: capacity and Argo CD first, then restores', () => {
  it('adds the workers and syncs the applications before any restore starts, then moves traffic', async () => {
    const { workers, argo, restorer, traffic, run } = setup();

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(workers).toMatchObject({ size: 6, patches: 1, calls: ['active'] });
    expect(argo.requests).toEqual(['platform-base', 'payments']);
    const firstRestore = Math.min(index(entries, 'step-started', 'restore-payments'), index(entries, 'step-started', 'restore-payments-db'));
    expect(index(entries, 'step-succeeded', 'scale-capacity')).toBeLessThan(firstRestore);
    expect(index(entries, 'step-succeeded', 'gitops-sync')).toBeLessThan(firstRestore);
    expect(restorer.created).toBe(2);
    expect(traffic.state?.targets).toEqual([PILOT]);
    expect(entries.find((e) => e.kind === 'step-succeeded' && e.step === 'scale-capacity')).toMatchObject({ output: { region: 'pilot', replicas: 6 } });
  });

  it('scales and syncs at the same time: the two waits overlap instead of adding up', async () => {
    const { run } = setup();

    const { entries } = await run();

    expect(index(entries, 'step-started', 'gitops-sync')).toBeLessThan(index(entries, 'step-succeeded', 'scale-capacity'));
  });

  it('changes nothing on a second run when the workers are up and the applications synced', async () => {
    const { workers, argo, run } = setup();
    await run('run-1');

    const { result } = await run('run-2');

    expect(result.outcome).toBe('succeeded');
    expect(workers.patches).toBe(1);
    expect(argo.requests).toEqual(['platform-base', 'payments']);
  });

  it('halts at gitops-sync with Argo CD\'s message, without retrying and before any restore or traffic move', async () => {
    const { argo, restorer, traffic, run } = setup();
    argo.failing.payments = 'one or more synchronization tasks completed unsuccessfully';

    const { result, entries } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'gitops-sync' } });
    expect(result.failure?.nextAction).toMatch(/payments failed to sync: one or more synchronization tasks/);
    expect(entries.filter((e) => e.kind === 'step-started' && e.step === 'gitops-sync')).toHaveLength(1);
    expect(restorer.created).toBe(0);
    expect(traffic.writes).toBe(0);
  });

  it('halts at scale-capacity, naming the region, when the plan has Cluster API capacity but no connection for it', async () => {
    const { run } = setup(pilotPlan(), { capacity: {} });

    const { result } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'scale-capacity' } });
    expect(result.failure?.nextAction).toMatch(/no cluster-api connection for region pilot/);
  });

  it('gives the capacity wait the scale budget: workers that never become ready stop the run at scale-capacity', async () => {
    const { workers, restorer, run } = setup();
    workers.readyAfter = Duration.hours(2);

    const { result } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'scale-capacity' } });
    expect(restorer.created).toBe(0);
  });

  it('raises a Karpenter NodePool the same way', async () => {
    const plan = pilotPlan({ type: 'karpenter', nodePool: { name: 'pilot', standbyCpu: '0', activeCpu: '64' } });
    const { workers, run } = setup(plan);

    const { result } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(workers.calls).toEqual(['active']);
  });
});
