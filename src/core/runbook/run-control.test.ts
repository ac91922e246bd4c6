import { describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../../testing/scripted-step-executor.js';
import { verifyChain } from './hash-chain.js';
import { JournalWriter } from './journal-writer.js';
import { RunControl } from './run-control.js';
import type { RunbookNode } from './runbook.js';
import { toRunbookJson } from './runbook-json.js';
import { RunbookRunner } from './runner.js';

const hasher = new NodeCryptoHasher();
const { step, gate, seq } = rb;

function setup(script: Record<string, ScriptedOutcome[]> = {}) {
  const clock = new FakeClock();
  const store = new InMemoryJournalStore({ hasher, clock });
  const executor = new ScriptedStepExecutor(clock, script);
  const runner = new RunbookRunner({ store, executor, clock, hasher, holder: 'runner', pollInterval: Duration.seconds(1) });
  const sut = new RunControl({ store, hasher, clock, holder: 'cli' });
  const start = (runbook: RunbookNode) => runner.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook, actor: 'alice' });
  const later = <T>(minutes: number, act: () => Promise<T>): Promise<T> => clock.sleep(Duration.minutes(minutes)).then(act);
  const kinds = async () => (await store.read('r1')).map((e) => ('step' in e ? `${e.kind}:${e.step}` : 'gate' in e ? `${e.kind}:${e.gate}` : e.kind));
  return { clock, store, executor, sut, start, later, kinds };
}

describe('RunControl.approve against a run driven by a runner', () => {
  it('opens a 2-approver gate only after two distinct approvers; the same approver twice is refused and not counted', async () => {
    const { clock, store, executor, sut, start, later } = setup();
    const approve = (who: string) => sut.approve({ runId: 'r1', approver: who }).catch((e: unknown) => e);

    const [result, first, again, second] = await clock.settle(Promise.all([
      start(seq('root', gate('declare', 2), step('fence'))),
      later(1, () => approve('ic')),
      later(2, () => approve('ic')),
      later(3, () => approve('cto')),
    ]));
    const entries = await store.read('r1');

    expect(first).toEqual({ runId: 'r1', gate: 'declare', approvals: 2, approvers: ['ic'], open: false });
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toBe('ic has already approved gate declare of run r1; an approver counts once: it needs 1 more approval from someone else');
    expect(second).toEqual({ runId: 'r1', gate: 'declare', approvals: 2, approvers: ['ic', 'cto'], open: true });
    expect(entries.filter((e) => e.kind === 'gate-approved').map((e) => 'approver' in e && e.approver)).toEqual(['ic', 'cto']);
    const fenceStarted = entries.find((e) => e.kind === 'step-started');
    expect(Date.parse(fenceStarted!.at) - Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(3 * 60_000);
    expect(result.outcome).toBe('succeeded');
    expect(executor.executions('fence')).toBe(1);
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
  });

  it('journals the reason with the approval', async () => {
    const { clock, store, sut, start, later } = setup();

    await clock.settle(Promise.all([start(seq('root', gate('declare', 1), step('fence'))), later(1, () => sut.approve({ runId: 'r1', approver: 'ic', reason: 'region-a confirmed down' }))]));

    expect((await store.read('r1')).find((e) => e.kind === 'gate-approved')).toMatchObject({ gate: 'declare', approver: 'ic', reason: 'region-a confirmed down' });
  });

  it.each<[string, { gate?: string }, RegExp, typeof ConflictError | typeof InputError]>([
    ['a gate the runbook lacks', { gate: 'dns' }, /run r1 has no gate "dns" \(its gates: declare, later\)/, InputError],
    ['a gate the run has not reached', { gate: 'later' }, /gate later of run r1 is not waiting yet: the run has not reached it/, ConflictError],
  ])('refuses %s', async (_case, extra, message, type) => {
    const { clock, sut, start, later } = setup();

    const [, refused] = await clock.settle(Promise.all([
      start(seq('root', gate('declare', 1), step('a'), gate('later', 1))).catch(() => undefined),
      later(1, () => sut.approve({ runId: 'r1', approver: 'ic', ...extra }).catch((e: unknown) => e)),
      later(2, () => sut.abort({ runId: 'r1', actor: 'ic', reason: 'test over' })),
    ]));

    expect(refused).toBeInstanceOf(type);
    expect((refused as Error).message).toMatch(message);
  });

  it('refuses when no gate waits, and once the run has ended', async () => {
    const { clock, sut, start, later } = setup({ a: [{ ok: 'x', takes: Duration.minutes(5) }] });

    const [, noGate] = await clock.settle(Promise.all([
      start(seq('root', step('a', { budget: Duration.hours(1) }))),
      later(1, () => sut.approve({ runId: 'r1', approver: 'ic' }).catch((e: unknown) => e)),
    ]));
    const ended = await sut.approve({ runId: 'r1', approver: 'ic' }).catch((e: unknown) => e);

    expect((noGate as Error).message).toBe('no gate of run r1 is waiting for approval');
    expect(ended).toBeInstanceOf(ConflictError);
    expect((ended as Error).message).toMatch(/^run r1 has already ended \(run-succeeded at .*\): nothing to approve$/);
  });
});

describe('RunControl.reject', () => {
  it('ends the run failed at the gate, with who and why, and nothing after the gate runs', async () => {
    const { clock, executor, sut, start, later, kinds } = setup();

    const [result] = await clock.settle(Promise.all([start(seq('root', gate('declare', 2), step('fence'))), later(1, () => sut.reject({ runId: 'r1', approver: 'cto', reason: 'false alarm' }))]));

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'declare' } });
    expect(result.failure?.nextAction).toMatch(/gate declare rejected by cto: false alarm/);
    expect(executor.calls).toEqual([]);
    expect(await kinds()).toEqual(['run-started', 'gate-waiting:declare', 'gate-rejected:declare', 'run-failed:declare']);
  });
});

describe('RunControl.abort', () => {
  it('stops a live run at the step boundary: the running step\'s signal fires, compensations run, run-aborted says who and why', async () => {
    const { clock, store, executor, sut, start, later, kinds } = setup({ restore: [{ ok: 'x', takes: Duration.hours(1) }] });
    const runbook = seq('root', step('fence', { compensate: 'unfence' }), step('restore', { budget: Duration.hours(2) }), step('switch'));

    const [result, abort] = await clock.settle(Promise.all([start(runbook), later(1, () => sut.abort({ runId: 'r1', actor: 'bob', reason: 'drill over' }))]));
    const entries = await store.read('r1');

    expect(abort).toEqual({ runId: 'r1', mode: 'requested' });
    expect(result).toEqual({ runId: 'r1', outcome: 'aborted', abort: { actor: 'bob', reason: 'drill over' } });
    expect(executor.calls.find((c) => c.step === 'restore')?.abortedWith).toBe('run aborted by bob: drill over');
    expect(executor.executions('switch')).toBe(0);
    expect(executor.compensations).toEqual(['fence']);
    expect(await kinds()).toEqual([
      'run-started', 'step-started:fence', 'step-succeeded:fence', 'step-started:restore', 'abort-requested',
      'step-failed:restore', 'compensation-started:fence', 'compensation-succeeded:fence', 'run-aborted',
    ]);
    expect(entries.at(-1)).toMatchObject({ kind: 'run-aborted', actor: 'bob', reason: 'drill over' });
    const requestedAt = Date.parse(entries[4]!.at);
    expect(Date.parse(entries[5]!.at) - requestedAt).toBeLessThanOrEqual(1000);
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
  });

  it('does not journal a second request while the first is being acted on', async () => {
    const { clock, sut, start, later, kinds } = setup({ a: [{ ok: 'x', takes: Duration.hours(1) }] });
    const requestTwice = async () => [await sut.abort({ runId: 'r1', actor: 'bob', reason: 'drill over' }), await sut.abort({ runId: 'r1', actor: 'eve', reason: 'me too' })];

    const [, answers] = await clock.settle(Promise.all([start(seq('root', step('a', { budget: Duration.hours(2) }))), later(1, requestTwice)]));

    expect(answers).toEqual([{ runId: 'r1', mode: 'requested' }, { runId: 'r1', mode: 'requested', alreadyRequestedBy: 'bob' }]);
    expect((await kinds()).filter((k) => k === 'abort-requested')).toHaveLength(1);
  });

  it('ends a dead run (no live lease) at once and names what acted without being undone', async () => {
    const { clock, store, sut } = setup();
    const dead = new JournalWriter({ store, runId: 'r1', hasher, clock });
    const runbook = seq('root', step('fence', { compensate: 'unfence' }), step('restore'));
    await dead.append([{ kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'h', runbook: toRunbookJson(runbook), actor: 'alice' }, { kind: 'step-started', step: 'fence', attempt: 1 }, { kind: 'step-succeeded', step: 'fence', attempt: 1, output: null }, { kind: 'step-started', step: 'restore', attempt: 1 }]);

    const result = await sut.abort({ runId: 'r1', actor: 'bob', reason: 'runner host lost' });
    const entries = await store.read('r1');
    const next = await store.acquireLease({ plan: 'shop', holder: 'someone', ttl: Duration.seconds(30) });

    expect(result).toEqual({ runId: 'r1', mode: 'aborted', notUndone: ['fence'] });
    expect(entries.at(-1)).toMatchObject({ kind: 'run-aborted', actor: 'bob', reason: 'runner host lost' });
    expect((await store.listRuns())[0]?.ended).toBe('run-aborted');
    expect(next.holder).toBe('someone');
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
  });

  it('refuses a finished run with a clear message, and an empty reason', async () => {
    const { clock, sut, start } = setup();
    await clock.settle(start(step('a')));

    const finished = await sut.abort({ runId: 'r1', actor: 'bob', reason: 'too late' }).catch((e: unknown) => e);
    const noReason = await sut.abort({ runId: 'r1', actor: 'bob', reason: ' ' }).catch((e: unknown) => e);

    expect(finished).toBeInstanceOf(ConflictError);
    expect((finished as Error).message).toMatch(/^run r1 has already ended \(run-succeeded at 2026-01-01T.*\): nothing to abort$/);
    expect(noReason).toBeInstanceOf(InputError);
  });

  it('waitForEnd hands over the entries as they land and returns the terminal one', async () => {
    const { clock, sut, start, later } = setup({ a: [{ ok: 'x', takes: Duration.minutes(5) }] });
    const seen: string[] = [];

    const [, terminal] = await clock.settle(Promise.all([
      start(seq('root', step('a', { budget: Duration.hours(1) }))),
      later(1, () => sut.waitForEnd('r1', { timeout: Duration.minutes(30), poll: Duration.seconds(1), onEntry: (e) => seen.push(e.kind) })),
    ]));

    expect(terminal?.kind).toBe('run-succeeded');
    expect(seen).toEqual(['run-started', 'step-started', 'step-succeeded', 'run-succeeded']);
  });
});
