import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import type { AppendRequest, JournalStore, Lease } from '../ports/journal-store.js';
import type { CompensationContext, StepContext, StepExecutor } from '../ports/step-executor.js';
import type { Json } from './json.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../../testing/scripted-step-executor.js';
import { verifyChain } from './hash-chain.js';
import { isTerminalKind, type JournalEntry } from './journal-entry.js';
import type { RunResult } from './run-driver.js';
import { stepsOf, type RunbookNode, type StepNode } from './runbook.js';
import { RunbookRunner } from './runner.js';

const hasher = new NodeCryptoHasher();

class Crash extends Error {}

/** The process dies at its `at`-th append (after the write landed, or before): every call after throws. */
class CrashingStore implements JournalStore {
  private appends = 0;
  private dead = false;
  constructor(private readonly inner: JournalStore, private readonly crash: { at: number; landed: boolean } | undefined) {}

  async append(request: AppendRequest): Promise<void> {
    this.alive();
    this.appends += 1;
    if (this.crash?.at !== this.appends) return this.inner.append(request);
    if (this.crash.landed) await this.inner.append(request);
    this.dead = true;
    throw new Crash('process killed');
  }
  read(runId: string): Promise<JournalEntry[]> { return this.alive() ?? this.inner.read(runId); }
  acquireLease(r: { plan: string; holder: string; ttl: Duration }): Promise<Lease> { return this.alive() ?? this.inner.acquireLease(r); }
  renewLease(lease: Lease, ttl: Duration): Promise<Lease> { return this.alive() ?? this.inner.renewLease(lease, ttl); }
  releaseLease(lease: Lease): Promise<void> { return this.alive() ?? this.inner.releaseLease(lease); }
  listRuns(filter?: { plan?: string }): ReturnType<JournalStore['listRuns']> { return this.alive() ?? this.inner.listRuns(filter); }
  private alive(): undefined {
    if (this.dead) throw new Crash('process killed');
    return undefined;
  }
}

/** Passes calls through, noting any that began after the run's journal already had a terminal entry. */
class TerminalWatch implements StepExecutor {
  readonly lateCalls: string[] = [];
  constructor(private readonly inner: StepExecutor, private readonly store: InMemoryJournalStore) {}
  execute(step: StepNode, context: StepContext): Promise<Json> {
    if (this.store.backing.runs.get(context.runId)?.entries.some((e) => isTerminalKind(e.kind))) this.lateCalls.push(step.id);
    return this.inner.execute(step, context);
  }
  compensate(step: StepNode & { compensate: string }, context: CompensationContext): Promise<void> {
    return this.inner.compensate(step, context);
  }
}

type Shape = { kind: 'step' } | { kind: 'seq' | 'par'; children: Shape[] };
type Fault = 'ok' | 'fail' | 'permanent' | 'timeout';
interface StepConfig { maxAttempts: number; compensate: boolean; faults: Fault[] }

const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape; step: Shape; seq: Shape; par: Shape }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('step'), tie('seq'), tie('par')),
  step: fc.constant({ kind: 'step' as const }),
  seq: fc.record({ kind: fc.constant('seq' as const), children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  par: fc.record({ kind: fc.constant('par' as const), children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
})).node;

const stepConfigArb: fc.Arbitrary<StepConfig> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 3 }),
  compensate: fc.boolean(),
  faults: fc.array(fc.constantFrom<Fault>('ok', 'fail', 'fail', 'permanent', 'timeout'), { maxLength: 3 }),
});

const scenarioArb = fc.record({
  shape: shapeArb,
  configs: fc.array(stepConfigArb, { minLength: 16, maxLength: 16 }),
  crashes: fc.array(fc.record({ at: fc.integer({ min: 1, max: 25 }), landed: fc.boolean() }), { maxLength: 4 }),
});

function build(shape: Shape, configs: StepConfig[], counter = { steps: 0, blocks: 0 }): RunbookNode {
  if (shape.kind === 'step') {
    const n = counter.steps++;
    const config = configs[n % configs.length]!;
    return rb.step(`s${n}`, { retry: rb.retry(config.maxAttempts, Duration.seconds(5), Duration.seconds(20)), ...(config.compensate ? { compensate: `undo-s${n}` } : {}) });
  }
  const children = shape.children.map((c) => build(c, configs, counter));
  const id = `${shape.kind}${counter.blocks++}`;
  return shape.kind === 'seq' ? rb.seq(id, ...children) : rb.par(id, ...children);
}

function scriptOf(runbook: RunbookNode, configs: StepConfig[]): Record<string, ScriptedOutcome[]> {
  const outcome: Record<Fault, ScriptedOutcome> = {
    ok: { ok: 'done' }, fail: { fail: 'flaky' }, permanent: { fail: 'broken', retryable: false },
    timeout: { ok: 'late', takes: Duration.minutes(2) },
  };
  return Object.fromEntries(stepsOf(runbook).map((s, i) => [s.id, configs[i % configs.length]!.faults.map((f) => outcome[f])]));
}

/** Runs the runbook to its end, killing the process at each planned crash and resuming in a new one. */
async function runWithCrashes(runbook: RunbookNode, scenario: { crashes: Array<{ at: number; landed: boolean }> }, deps: { clock: FakeClock; store: InMemoryJournalStore; executor: StepExecutor }): Promise<RunResult> {
  for (let process = 0; ; process++) {
    const store = new CrashingStore(deps.store, scenario.crashes[process]);
    const sut = new RunbookRunner({ store, executor: deps.executor, clock: deps.clock, hasher, holder: `p${process}`, leaseTtl: Duration.seconds(30), cancelGrace: Duration.seconds(1) });
    const exists = (await deps.store.listRuns()).length > 0;
    try {
      return await deps.clock.settle(exists
        ? sut.resume({ runId: 'r1', actor: `p${process}` })
        : sut.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook, actor: 'p0' }));
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
      deps.clock.advance(Duration.seconds(31)); // the dead process's lease expires
    }
  }
}

/** Every step of each later child of a sequence starts only after every step of the earlier children succeeded. */
function sequenceViolations(node: RunbookNode, entries: JournalEntry[]): string[] {
  if (node.kind !== 'sequence' && node.kind !== 'parallel') return [];
  const nested = node.children.flatMap((c) => sequenceViolations(c, entries));
  if (node.kind === 'parallel') return nested;
  const succeededAt = (id: string) => entries.find((e) => e.kind === 'step-succeeded' && e.step === id)?.seq ?? Infinity;
  const violations = node.children.flatMap((child, i) => {
    const before = node.children.slice(0, i).flatMap(stepsOf).map((s) => succeededAt(s.id));
    const mustFollow = Math.max(0, ...before);
    return stepsOf(child).flatMap((s) =>
      entries.filter((e) => e.kind === 'step-started' && e.step === s.id && e.seq < mustFollow).map((e) => `${s.id} started at #${e.seq} before #${mustFollow}`));
  });
  return [...nested, ...violations];
}

describe('RunbookRunner under random faults and crashes (property)', () => {
  it('always ends with one terminal entry, in order, each success recorded once and undone on failure, chain intact', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, async (scenario) => {
      const runbook = build(scenario.shape, scenario.configs);
      const clock = new FakeClock();
      const store = new InMemoryJournalStore({ hasher, clock });
      const executor = new ScriptedStepExecutor(clock, scriptOf(runbook, scenario.configs));

      const watch = new TerminalWatch(executor, store);
      const result = await runWithCrashes(runbook, scenario, { clock, store, executor: watch });
      const entries = await store.read('r1');

      const terminals = entries.filter((e) => isTerminalKind(e.kind));
      expect(terminals).toHaveLength(1);
      expect(entries.at(-1)).toBe(terminals[0]);
      expect(terminals[0]?.kind).toBe(`run-${result.outcome}`);
      expect(verifyChain(entries, hasher)).toEqual({ ok: true });
      expect(watch.lateCalls).toEqual([]);
      for (const call of executor.calls) {
        expect(entries.some((e) => e.kind === 'step-started' && e.step === call.step && e.attempt === call.attempt)).toBe(true);
      }
      expect(sequenceViolations(runbook, entries)).toEqual([]);
      for (const s of stepsOf(runbook)) {
        const successes = entries.filter((e) => e.kind === 'step-succeeded' && e.step === s.id).length;
        expect(successes).toBe(result.outcome === 'succeeded' ? 1 : Math.min(successes, 1));
        const undone = entries.some((e) => e.kind === 'compensation-succeeded' && e.step === s.id);
        const undoable = result.outcome === 'failed' && s.compensate !== undefined;
        if (undoable && successes === 1) expect(undone).toBe(true); // saga: every success is undone
        if (!undoable) expect(undone).toBe(false); // (an attempt cut short by a crash may be undone too)
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  }, 120_000);
});
