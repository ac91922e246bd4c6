import { describe, expect, it } from 'vitest';
import { loadExample } from '../../../test/support/example-plans.js';
import { Duration } from '../../core/objectives/duration.js';
import type { PostureSources } from '../../core/posture/gather-posture.js';
import { RunControl } from '../../core/runbook/run-control.js';
import { RunbookRunner } from '../../core/runbook/runner.js';
import { SystemClock } from '../../providers/clock/system-clock.js';
import { InMemoryDrillHistory } from '../../providers/store/in-memory-drill-history.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeBackupCatalog } from '../../testing/fake-backup-catalog.js';
import { FakeKubernetesInventory } from '../../testing/fake-kubernetes-inventory.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { ScriptedStepExecutor } from '../../testing/scripted-step-executor.js';
import { silentLogger } from '../logger.js';
import { PlanCatalog } from '../plans/plan-catalog.js';
import { PostureCache } from '../posture/posture-cache.js';
import { RunActions } from '../runs/run-actions.js';
import { RunLauncher } from '../runs/run-launcher.js';
import type { DrillRunners } from '../runs/starters.js';
import { AlwaysLeader, type Leader } from './leader.js';
import { Scheduler } from './scheduler.js';

const clock = SystemClock.fromConfig();
const hasher = NodeCryptoHasher.fromConfig();

function setup(o: { startDrills?: boolean; leader?: Leader; runners?: 'component' | 'none' } = {}): { sut: Scheduler; posture: PostureCache; started: string[] } {
  const store = new InMemoryJournalStore({ hasher, clock });
  const plans = new PlanCatalog([{ file: 'examples/lab.yaml', text: 'lab', plan: loadExample('lab.yaml') }]);
  const started: string[] = [];
  const runners: DrillRunners = o.runners === 'none' ? {} : {
    component: (start) => {
      const runId = `component-${start.plan.plan.metadata.name}-${started.length + 1}`;
      started.push(runId);
      const runner = new RunbookRunner({ store, executor: new ScriptedStepExecutor(clock), clock, hasher, holder: 'test', pollInterval: Duration.milliseconds(20) });
      return { runId, drive: (signal) => runner.start({ runId, plan: 'lab.drill', planHash: 'h', runbook: rb.seq('component', rb.step('restore')), actor: start.actor, signal }) };
    },
  };
  const leader = o.leader ?? new AlwaysLeader('test');
  const runs = new RunActions({
    store, leader, drills: runners, launcher: new RunLauncher({ store, logger: silentLogger }),
    starter: () => { throw new Error('no failovers in this test'); },
    control: new RunControl({ store, hasher, clock, holder: 'control' }),
  });
  const sources = (): PostureSources => ({
    inventory: () => new FakeKubernetesInventory(), catalog: () => new FakeBackupCatalog(), objectStore: () => undefined, traffic: () => undefined,
    drills: InMemoryDrillHistory.fromConfig(), now: () => new Date(),
  });
  const posture = new PostureCache({ sourcesFor: sources, now: () => new Date() });
  const sut = new Scheduler({
    plans, posture, drills: InMemoryDrillHistory.fromConfig(), runners, runs, leader, postureInterval: Duration.minutes(5),
    startDrills: o.startDrills ?? true, now: () => new Date(), logger: silentLogger,
  });
  return { sut, posture, started };
}

describe('Scheduler', () => {
  it('starts a due drill whose kind has a runner, records the others as due, and does not start it again at the next check', async () => {
    const { sut, started } = setup();

    await sut.checkDrills();
    const first = sut.dueDrills('lab');
    await sut.checkDrills();

    expect(started).toEqual(['component-lab-1']);
    expect(first.find((d) => d.kind === 'component')).toMatchObject({ state: 'never', handling: 'started', runId: 'component-lab-1' });
    expect(first.find((d) => d.kind === 'failover')).toMatchObject({ handling: 'recorded', detail: expect.stringContaining('injects a real outage') });
    expect(first.find((d) => d.kind === 'tabletop')).toMatchObject({ handling: 'recorded' });
    expect(sut.dueDrills('lab').find((d) => d.kind === 'component')?.runId).toBe('component-lab-1');
  });

  it('only records due drills when starting them is off', async () => {
    const { sut, started } = setup({ startDrills: false });

    await sut.checkDrills();

    expect(started).toEqual([]);
    expect(sut.dueDrills().map((d) => d.handling)).toEqual(['recorded', 'recorded', 'recorded']);
  });

  it('refreshes every plan\'s posture into the cache', async () => {
    const { sut, posture } = setup();

    await sut.refreshPosture();

    expect(posture.get('lab')?.posture.plan).toBe('lab');
  });

  it('does nothing while this replica is not the leader', async () => {
    const follower: Leader = { id: 'b', isLeader: () => false, onChange: () => () => undefined, close: () => Promise.resolve() };
    const { sut, posture, started } = setup({ leader: follower });

    await sut.refreshPosture();
    await sut.checkDrills();

    expect(posture.get('lab')).toBeUndefined();
    expect(started).toEqual([]);
    expect(sut.dueDrills()).toEqual([]);
  });
});
