import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Duration } from '../../objectives/duration.js';
import { parsePlan } from '../../plan/parse-plan.js';
import type { DRPlan } from '../../plan/schema.js';
import { NodeCryptoHasher } from '../../../providers/store/node-crypto-hasher.js';
import { FakeBackupRestorer } from '../../../testing/fake-backup-restorer.js';
import { FakeClock } from '../../../testing/fake-clock.js';
import { FakeClusterOperator } from '../../../testing/fake-cluster-operator.js';
import { FakeHttpProber } from '../../../testing/fake-http-prober.js';
import { FakeTrafficManager } from '../../../testing/fake-traffic-manager.js';
import { InMemoryJournalStore } from '../../../testing/in-memory-journal-store.js';
import type { RunNotifier } from '../../ports/run-notifier.js';
import { RunbookRunner } from '../runner.js';
import { FailoverExecutor } from './failover-executor.js';
import { failoverOutcome } from './failover-outcome.js';
import { failoverRunbook } from './failover-runbook.js';

const NAMESPACES = ['production', 'monitoring', 'ingress-system'];
const A = '10.213.1.2';
const B = '10.213.2.2';

function labPlan(): DRPlan {
  const plan = parsePlan(readFileSync('examples/lab.yaml', 'utf8'), 'examples/lab.yaml');
  return { ...plan, spec: { ...plan.spec, trigger: { ...plan.spec.trigger, autoFailover: true } } };
}

/** Region-a down, region-b empty with a Completed backup of the platform in its catalog. */
function setup(plan: DRPlan = labPlan(), notify?: RunNotifier) {
  const clock = new FakeClock(new Date('2026-11-25T03:00:00Z'));
  const hasher = new NodeCryptoHasher();
  const store = new InMemoryJournalStore({ hasher, clock });
  const a = new FakeClusterOperator();
  const b = new FakeClusterOperator();
  a.reachable = false;
  const restorer = new FakeBackupRestorer(b);
  restorer.backups.push({
    name: 'platform-1', phase: 'Completed', startedAt: new Date('2026-11-25T02:55:00Z'), completedAt: new Date('2026-11-25T02:56:00Z'), storageLocation: 'default',
    namespaces: NAMESPACES,
    deployments: [{ namespace: 'production', name: 'web', replicas: 3 }, { namespace: 'production', name: 'api', replicas: 2 }, { namespace: 'monitoring', name: 'prometheus', replicas: 1 }, { namespace: 'ingress-system', name: 'ingress-controller', replicas: 2 }],
  });
  const traffic = new FakeTrafficManager({ targets: [A], ttl: Duration.seconds(30) });
  const prober = new FakeHttpProber();
  prober.answer(`http://${B}`, true);
  const ports = { clusters: { 'region-a': a, 'region-b': b }, restorers: { 'region-b': restorer }, traffic, probers: [prober], clock, ...(notify ? { notify } : {}) };
  const runbook = failoverRunbook(plan, NAMESPACES);
  const sut = new RunbookRunner({ store, executor: new FailoverExecutor(plan, ports), clock, hasher, holder: 'test', pollInterval: Duration.seconds(1), ...(notify ? { notifier: notify } : {}) });
  const run = async () => {
    const result = await clock.settle(sut.start({ runId: 'run-1', plan: plan.metadata.name, planHash: 'h', runbook, actor: 'ic' }));
    const entries = await store.read('run-1');
    return { result, entries, outcome: failoverOutcome(plan, runbook, entries) };
  };
  return { a, b, restorer, traffic, prober, ports, run, plan };
}

describe('failover against faults: never a "succeeded" that is not', () => {
  it('fails over the platform when nothing goes wrong: one restore per namespace, traffic on region-b, RTO and RPO measured', async () => {
    const { b, restorer, traffic, run } = setup();

    const { result, outcome } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(restorer.created).toBe(3);
    expect(traffic.state?.targets).toEqual([B]);
    expect(b.deployments.find((d) => d.name === 'web')?.available).toBe(3);
    expect(outcome.rto?.toMilliseconds()).toBeGreaterThan(0);
    expect(outcome.rpo?.toMilliseconds()).toBeGreaterThan(0);
  });

  it('refuses to fail over a primary that answers: halts at confirm-outage, restores nothing, DNS untouched', async () => {
    const { a, prober, restorer, traffic, run } = setup();
    a.reachable = true;
    prober.answer(`http://${A}`, true);

    const { result } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'confirm-outage' } });
    expect(restorer.created).toBe(0);
    expect(traffic.writes).toBe(0);
  });

  it('retries a DNS API answering 500 and succeeds once it recovers', async () => {
    const { traffic, run } = setup();
    traffic.failNext = 2;

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(entries.filter((e) => e.kind === 'step-failed' && e.step === 'switch-traffic')).toHaveLength(2);
    expect(traffic.state?.targets).toEqual([B]);
  });

  it('halts at switch-traffic with the next action when the DNS API keeps answering 500', async () => {
    const { traffic, run } = setup();
    traffic.failNext = 100;

    const { result, entries } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'switch-traffic' } });
    expect(result.failure?.nextAction).toMatch(/switch-traffic/);
    expect(entries.some((e) => e.kind === 'run-succeeded')).toBe(false);
    expect(traffic.state?.targets).toEqual([A]);
  });

  it('halts at the restore when a Velero Restore ends PartiallyFailed, before any traffic moves', async () => {
    const { restorer, traffic, run } = setup();
    restorer.outcome = 'PartiallyFailed';

    const { result } = await run();

    expect(result.outcome).toBe('failed');
    expect(result.failure?.step).toMatch(/^restore-/);
    expect(result.failure?.nextAction).toMatch(/PartiallyFailed/);
    expect(traffic.writes).toBe(0);
  });

  it('retries a Restore Velero refused while its storage location was Unavailable (object storage back a moment later)', async () => {
    const { restorer, traffic, run } = setup();
    restorer.locationUnavailableFor = 2;

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(entries.filter((e) => e.kind === 'step-failed' && e.step.startsWith('restore-'))).toHaveLength(2);
    expect(entries.find((e) => e.kind === 'step-failed')).toMatchObject({ retryable: true, error: expect.stringMatching(/FailedValidation: The BSL default is unavailable/) });
    expect(restorer.created).toBe(5);
    expect(traffic.state?.targets).toEqual([B]);
  });

  it('halts at once on any other FailedValidation: Velero would refuse the same spec again', async () => {
    const { restorer, traffic, run } = setup();
    restorer.outcome = 'FailedValidation';
    restorer.validationErrors = ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: production'];

    const { result, entries } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: expect.stringMatching(/^restore-/) } });
    const failed = entries.filter((e) => e.kind === 'step-failed');
    // The restores run side by side: each fails once, none is tried again.
    expect(failed.map((e) => ('step' in e ? e.step : '')).sort()).toEqual(['restore-ingress-system', 'restore-monitoring', 'restore-production']);
    expect(failed.every((e) => 'retryable' in e && e.retryable === false)).toBe(true);
    expect(traffic.writes).toBe(0);
  });

  it('halts at the restore, naming the namespace, when no valid backup holds it', async () => {
    const { restorer, run } = setup();
    restorer.backups.splice(0);

    const { result } = await run();

    expect(result.outcome).toBe('failed');
    expect(result.failure?.nextAction).toMatch(/no Completed backup holds namespace/);
  });

  it('rides out the standby apiserver restarting mid-run (calls refused for a while) by retrying', async () => {
    const { b, run } = setup();
    b.failNextCalls = 2;

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(entries.some((e) => e.kind === 'step-failed')).toBe(true);
  });

  it('halts when the standby has no capacity to scale the workloads it needs', async () => {
    const { restorer, run } = setup();
    restorer.backups[0]?.deployments.splice(0, 1);

    const { result } = await run();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'scale-workloads' } });
    expect(result.failure?.nextAction).toMatch(/web/);
  });

  it.each<[string, RunNotifier['send'], string]>([
    ['refuses', () => Promise.reject(new Error('slack endpoint answered HTTP 503')), 'slack endpoint answered HTTP 503'],
    ['never answers', () => new Promise(() => undefined), 'no answer within'],
  ])('succeeds when the notification channel %s: traffic moved, the failure is journaled, nothing waits on it', async (_case, send, error) => {
    const base = labPlan();
    const plan: DRPlan = { ...base, spec: { ...base.spec, notifications: [{ name: 'oncall', type: 'slack', secret: 'env:SLACK_URL' }] } };
    const { traffic, run } = setup(plan, { subscribers: () => ['oncall'], send });

    const { result, entries } = await run();

    expect(result.outcome).toBe('succeeded');
    expect(traffic.state?.targets).toEqual([B]);
    const notify = entries.find((e) => e.kind === 'step-succeeded' && e.step === 'notify');
    expect(notify).toMatchObject({ output: { event: 'failover-complete', sent: [], failed: [{ channel: 'oncall', error: expect.stringContaining(error) as unknown }] } });
    const started = entries.find((e) => e.kind === 'notification-ended' && e.event === 'failover-started');
    expect(started).toMatchObject({ delivered: [], failed: [{ channel: 'oncall', error: expect.stringContaining(error) as unknown }] });
  });
});
