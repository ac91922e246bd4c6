import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../../testing/scripted-step-executor.js';
import { verifyChain } from './hash-chain.js';
import { JournalWriter } from './journal-writer.js';
import type { RunbookNode } from './runbook.js';
import { RunbookRunner } from './runner.js';

const hasher = new NodeCryptoHasher();
const { step, gate, seq, par } = rb;

function setup(script: Record<string, ScriptedOutcome[]> = {}, options: { failCompensation?: string[] } = {}) {
  const clock = new FakeClock();
  const store = new InMemoryJournalStore({ hasher, clock });
  const executor = new ScriptedStepExecutor(clock, script, options);
  const sut = new RunbookRunner({ store, executor, clock, hasher, holder: 'test', pollInterval: Duration.seconds(1) });
  const start = (runbook: RunbookNode, signal?: AbortSignal) =>
    sut.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook, actor: 'alice', ...(signal ? { signal } : {}) });
  const kinds = async () => (await store.read('r1')).map((e) => ('step' in e ? `${e.kind}:${e.step}` : 'gate' in e ? `${e.kind}:${e.gate}` : e.kind));
  return { clock, store, executor, sut, start, kinds };
}

describe('RunbookRunner', () => {
  it('runs a sequence with a parallel block to success and writes a valid chain', async () => {
    const { clock, store, executor, start, kinds } = setup({ b: [{ ok: 'b', takes: Duration.seconds(5) }], c: [{ ok: 'c', takes: Duration.seconds(2) }] });

    const result = await clock.settle(start(seq('root', step('a'), par('p', step('b'), step('c')), step('d'))));

    expect(result).toEqual({ runId: 'r1', outcome: 'succeeded' });
    expect(await kinds()).toEqual([
      'run-started', 'step-started:a', 'step-succeeded:a', 'step-started:b', 'step-started:c',
      'step-succeeded:c', 'step-succeeded:b', 'step-started:d', 'step-succeeded:d', 'run-succeeded',
    ]);
    expect(executor.calls.map((c) => c.step)).toEqual(['a', 'b', 'c', 'd']);
    expect(verifyChain(await store.read('r1'), hasher)).toEqual({ ok: true });
  });

  it('passes the outputs so far and the input to each step', async () => {
    const { clock, store, start } = setup({ a: [{ ok: { restored: 3 } }] });

    await clock.settle(start(seq('root', step('a'), step('b', { input: { ns: 'shop' } }))));
    const entries = await store.read('r1');

    expect(entries.find((e) => e.kind === 'step-succeeded' && e.step === 'a')).toMatchObject({ output: { restored: 3 } });
  });

  it('cancels a step past its budget, records step-timed-out and retries after the backoff', async () => {
    const { clock, store, executor, start } = setup({ a: [{ ok: 'late', takes: Duration.minutes(10) }] });

    const result = await clock.settle(start(seq('root', step('a', { budget: Duration.minutes(1), retry: rb.retry(2) }))));
    const entries = await store.read('r1');

    expect(result.outcome).toBe('succeeded');
    expect(executor.calls[0]?.abortedWith).toMatch(/budget of 1m exceeded/);
    expect(entries.map((e) => e.kind)).toEqual([
      'run-started', 'step-started', 'step-timed-out', 'step-retry-scheduled', 'step-started', 'step-succeeded', 'run-succeeded',
    ]);
    const [timedOutAt, retryAt] = [entries[2]!, entries[4]!].map((e) => Date.parse(e.at));
    expect(retryAt! - timedOutAt!).toBe(10_000);
  });

  it('backs off exponentially between retries', async () => {
    const { clock, store, start } = setup({ a: [{ fail: 'x' }, { fail: 'y' }, { fail: 'z' }] });

    await clock.settle(start(seq('root', step('a', { retry: rb.retry(4) }))));
    const startedAt = (await store.read('r1')).filter((e) => e.kind === 'step-started').map((e) => Date.parse(e.at));

    expect(startedAt.slice(1).map((t, i) => t - startedAt[i]!)).toEqual([10_000, 20_000, 40_000]);
  });

  it('rolls back with compensations in reverse order when retries run out, then fails', async () => {
    const { clock, executor, start, kinds } = setup({ d: [{ fail: 'DNS API answered 500' }, { fail: 'DNS API answered 500' }] });
    const runbook = seq('root', step('a', { compensate: 'undo-a' }), step('b'), step('c', { compensate: 'undo-c' }), step('d', { retry: rb.retry(2) }));

    const result = await clock.settle(start(runbook));

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'd' } });
    expect(result.failure?.nextAction).toMatch(/DNS API answered 500/);
    expect(executor.compensations).toEqual(['c', 'a']);
    expect((await kinds()).slice(-5)).toEqual([
      'compensation-started:c', 'compensation-succeeded:c', 'compensation-started:a', 'compensation-succeeded:a', 'run-failed:d',
    ]);
  });

  it('cancels the siblings of a step that failed for good before compensating', async () => {
    const { clock, executor, start } = setup({ slow: [{ ok: 'x', takes: Duration.minutes(30) }], bad: [{ fail: 'no capacity', retryable: false }] });
    const runbook = par('p', step('slow', { budget: Duration.hours(1), compensate: 'undo-slow' }), step('bad'));

    const result = await clock.settle(start(runbook));

    expect(result.outcome).toBe('failed');
    expect(executor.calls.find((c) => c.step === 'slow')?.abortedWith).toMatch(/cancelled/);
    expect(executor.compensations).toEqual([]);
  });

  it('waits at a gate until approvals from distinct approvers arrive', async () => {
    const { clock, store, executor, start } = setup();
    const approver = new JournalWriter({ store, runId: 'r1', hasher, clock });
    const approve = async (who: string) => {
      await clock.sleep(Duration.minutes(2));
      await approver.append([{ kind: 'gate-approved', gate: 'declare', approver: who }]);
    };

    const [result] = await clock.settle(Promise.all([
      start(seq('root', gate('declare', 2), step('fence'))),
      approve('ic').then(() => approve('ic')).then(() => approve('cto')),
    ]));
    const entries = await store.read('r1');

    expect(result.outcome).toBe('succeeded');
    expect(entries.map((e) => e.kind)).toEqual([
      'run-started', 'gate-waiting', 'gate-approved', 'gate-approved', 'gate-approved', 'step-started', 'step-succeeded', 'run-succeeded',
    ]);
    expect(Date.parse(entries[5]!.at) - Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(6 * 60_000);
    expect(executor.executions('fence')).toBe(1);
  });

  it('announces a gate in one branch while a long step runs in another', async () => {
    const { clock, store, start, kinds } = setup({ restore: [{ ok: 'x', takes: Duration.minutes(20) }] });
    const approver = new JournalWriter({ store, runId: 'r1', hasher, clock });
    const approveLater = clock.sleep(Duration.minutes(30)).then(() => approver.append([{ kind: 'gate-approved', gate: 'dns-change', approver: 'ic' }]));

    await clock.settle(Promise.all([start(par('p', step('restore', { budget: Duration.hours(1) }), seq('s', gate('dns-change', 1), step('dns')))), approveLater]));

    expect((await kinds()).slice(0, 4)).toEqual(['run-started', 'step-started:restore', 'gate-waiting:dns-change', 'step-succeeded:restore']);
  });

  it('aborts on its signal: cancels the running step and writes run-aborted', async () => {
    const { clock, executor, start, kinds } = setup({ a: [{ ok: 'x', takes: Duration.minutes(30) }] });
    const controller = new AbortController();
    const abortLater = clock.sleep(Duration.minutes(1)).then(() => controller.abort(new Error('operator pressed ctrl-c')));

    const [result] = await clock.settle(Promise.all([start(seq('root', step('a', { budget: Duration.hours(1) }), step('b')), controller.signal), abortLater]));

    expect(result.outcome).toBe('aborted');
    expect(executor.calls.map((c) => c.step)).toEqual(['a']);
    expect((await kinds()).slice(-2)).toEqual(['step-failed:a', 'run-aborted']);
  });

  it('stops when someone else writes run-aborted while it waits at a gate', async () => {
    const { clock, store, executor, start, kinds } = setup();
    const cli = new JournalWriter({ store, runId: 'r1', hasher, clock });
    const abortLater = clock.sleep(Duration.minutes(1)).then(() => cli.append([{ kind: 'run-aborted', actor: 'bob', reason: 'false alarm' }]));

    const [result] = await clock.settle(Promise.all([start(seq('root', gate('declare', 1), step('a'))), abortLater]));

    expect(result.outcome).toBe('aborted');
    expect(executor.calls).toEqual([]);
    expect(await kinds()).toEqual(['run-started', 'gate-waiting:declare', 'run-aborted']);
  });

  it('refuses to start while the plan has an unfinished run, and resumes it instead', async () => {
    const { clock, store, executor, sut } = setup();
    const writer = new JournalWriter({ store, runId: 'old', hasher, clock });
    const { toRunbookJson } = await import('./runbook-json.js');
    await writer.append([{ kind: 'run-started', runId: 'old', plan: 'shop', planHash: 'h', runbook: toRunbookJson(seq('root', step('a'), step('b'))), actor: 'x' }]);
    await writer.append([{ kind: 'step-started', step: 'a', attempt: 1 }]);

    const refused = sut.start({ runId: 'new', plan: 'shop', planHash: 'h', runbook: seq('root', step('a')), actor: 'alice' });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    const resumed = await clock.settle(sut.resume({ runId: 'old', actor: 'alice' }));
    const entries = await store.read('old');

    expect(resumed.outcome).toBe('succeeded');
    expect(entries.map((e) => e.kind).slice(1, 4)).toEqual(['step-started', 'run-resumed', 'step-started']);
    expect(entries[3]).toMatchObject({ step: 'a', attempt: 2 });
    expect(executor.calls.map((c) => `${c.step}@${c.attempt}`)).toEqual(['a@2', 'b@1']);
  });

  it('refuses to start while another runner holds the plan lease', async () => {
    const { store, sut } = setup();
    await store.acquireLease({ plan: 'shop', holder: 'other', ttl: Duration.seconds(30) });

    const attempt = sut.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook: step('a'), actor: 'alice' });

    await expect(attempt).rejects.toThrow(/leased by other/);
  });

  it('stops writing once its lease is taken over (paused process): the step is cancelled, the run left for resume', async () => {
    const { clock, store, executor, start, kinds } = setup({ a: [{ ok: 'x', takes: Duration.minutes(30) }] });
    const takeOver = clock.sleep(Duration.minutes(1)).then(() => {
      const row = store.backing.leases.get('shop')!;
      store.backing.leases.set('shop', { holder: 'other', token: row.token + 1, expiresAt: clock.now().getTime() + 60_000 });
    });

    const attempt = clock.settle(Promise.all([start(seq('root', step('a', { budget: Duration.hours(1) }), step('b'))), takeOver]));

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(executor.calls[0]?.abortedWith).toMatch(/lost/);
    expect(await kinds()).toEqual(['run-started', 'step-started:a']);
    expect((await store.listRuns())[0]?.ended).toBeUndefined();
  });

  it('refuses to start a run id that already exists', async () => {
    const { clock, sut, start } = setup();
    await clock.settle(start(step('a')));

    const again = sut.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook: step('a'), actor: 'alice' });

    await expect(again).rejects.toThrow(/run r1 already exists/);
  });

  it('releases the lease when the run ends', async () => {
    const { clock, store, start } = setup();

    await clock.settle(start(step('a')));
    const next = await store.acquireLease({ plan: 'shop', holder: 'other', ttl: Duration.seconds(30) });

    expect(next.fencingToken).toBe(2);
  });
});
