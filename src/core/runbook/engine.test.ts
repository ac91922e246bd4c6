import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { rb } from '../../testing/runbook-builders.js';
import { decide, type Decision } from './engine.js';
import { sealEntries } from './hash-chain.js';
import type { EntryDraft, JournalEntry } from './journal-entry.js';
import type { RunbookNode } from './runbook.js';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const hasher = { sha256Hex: (text: string): string => text.length.toString(16).padStart(64, '0') };

/** A journal whose n-th entry is written n seconds after t0, unless given as [seconds, draft]. */
function journal(...items: Array<EntryDraft | [number, EntryDraft]>): JournalEntry[] {
  const entries: JournalEntry[] = [];
  items.forEach((item, i) => {
    const [seconds, draft] = Array.isArray(item) ? item : [i, item];
    entries.push(...sealEntries([draft], { previous: entries.at(-1), at: new Date(t0 + seconds * 1000), hasher }));
  });
  return entries;
}

const started = (step: string, attempt = 1): EntryDraft => ({ kind: 'step-started', step, attempt });
const ok = (step: string, attempt = 1): EntryDraft => ({ kind: 'step-succeeded', step, attempt, output: null });
const failed = (step: string, attempt = 1, retryable = true): EntryDraft => ({ kind: 'step-failed', step, attempt, error: 'boom', retryable });
const timedOut = (step: string, attempt = 1): EntryDraft => ({ kind: 'step-timed-out', step, attempt, budgetMs: 60_000 });
const approved = (gate: string, approver: string): EntryDraft => ({ kind: 'gate-approved', gate, approver });
const waiting = (gate: string): EntryDraft => ({ kind: 'gate-waiting', gate, approvals: 1 });
const compStarted = (step: string): EntryDraft => ({ kind: 'compensation-started', step, action: `undo-${step}` });
const compOk = (step: string): EntryDraft => ({ kind: 'compensation-succeeded', step, action: `undo-${step}` });
const compFailed = (step: string): EntryDraft => ({ kind: 'compensation-failed', step, action: `undo-${step}`, error: 'nope' });

/** A decision as one short line, so tables read like a script. */
function summary(d: Decision): string {
  switch (d.type) {
    case 'start-steps': return `start ${d.steps.map((s) => `${s.step.id}@${s.attempt}`).join(' ')}${d.announce.map((g) => ` +announce ${g.id}`).join('')}`;
    case 'wait-gate': return `wait-gate ${d.gate.id} [${d.approvers.join(',')}]${d.announced ? ' announced' : ''}`;
    case 'wait-retry': return `wait-retry ${d.step.id} until +${(d.until.getTime() - t0) / 1000}s`;
    case 'compensate': return `compensate ${d.steps.map((s) => s.id).join(' ')}`;
    case 'done': return `done ${d.outcome}${d.recorded ? ' (recorded)' : ''}${d.failure ? ` at ${d.failure.step}` : ''}${d.abort ? ` by ${d.abort.actor}: ${d.abort.reason}` : ''}`;
  }
}

const now = new Date(t0 + 3_600_000);
const { step, gate, seq, par } = rb;

describe('decide', () => {
  const sequence = seq('root', step('a'), step('b'), step('c'));
  it.each<[string, JournalEntry[], string]>([
    ['an empty journal starts the first step', journal(), 'start a@1'],
    ['a succeeded step hands over to the next', journal(started('a'), ok('a')), 'start b@1'],
    ['a running step is offered again (the runner skips its own)', journal(started('a')), 'start a@2'],
    ['all succeeded: done, terminal entry still to write', journal(started('a'), ok('a'), started('b'), ok('b'), started('c'), ok('c')), 'done succeeded'],
    ['a terminal entry ends everything', journal(started('a'), ok('a'), { kind: 'run-succeeded' }), 'done succeeded (recorded)'],
  ])('sequence: %s', (_case, entries, expected) => {
    const sut = decide;

    const decision = sut(sequence, entries, now);

    expect(summary(decision)).toBe(expected);
  });

  const parallel = seq('root', step('a'), par('p', step('b'), seq('s', step('c'), step('d'))), step('e'));
  it.each<[string, JournalEntry[], string]>([
    ['children of a parallel block start together', journal(started('a'), ok('a')), 'start b@1 c@1'],
    ['a branch moves on without waiting for its sibling', journal(started('a'), ok('a'), started('b'), started('c'), ok('c')), 'start b@2 d@1'],
    ['the step after the block waits for every branch', journal(started('a'), ok('a'), started('b'), started('c'), ok('c'), started('d'), ok('d')), 'start b@2'],
    ['the block done: the next step starts', journal(started('a'), ok('a'), started('b'), started('c'), ok('c'), started('d'), ok('d'), ok('b', 2)), 'start e@1'],
  ])('parallel: %s', (_case, entries, expected) => {
    expect(summary(decide(parallel, entries, now))).toBe(expected);
  });

  it.each<[string, number, JournalEntry[], string]>([
    ['a gate not yet announced', 1, journal(), 'wait-gate declare []'],
    ['an announced gate keeps waiting', 1, journal(waiting('declare')), 'wait-gate declare [] announced'],
    ['one approval opens a 1-approver gate', 1, journal(waiting('declare'), approved('declare', 'ic')), 'start fence@1'],
    ['one approval of 2 keeps waiting', 2, journal(waiting('declare'), approved('declare', 'ic')), 'wait-gate declare [ic] announced'],
    ['the same approver twice counts once', 2, journal(waiting('declare'), approved('declare', 'ic'), approved('declare', 'ic')), 'wait-gate declare [ic] announced'],
    ['two distinct approvers open a 2-approver gate', 2, journal(waiting('declare'), approved('declare', 'ic'), approved('declare', 'cto')), 'start fence@1'],
    ['a 0-approver gate (auto-failover) passes at once', 0, journal(), 'start fence@1'],
    ['a rejection fails the run', 2, journal(waiting('declare'), { kind: 'gate-rejected', gate: 'declare', approver: 'cto', reason: 'false alarm' }), 'done failed at declare'],
  ])('gate: %s', (_case, approvals, entries, expected) => {
    const runbook = seq('root', gate('declare', approvals), step('fence'));

    expect(summary(decide(runbook, entries, now))).toBe(expected);
  });

  it.each<[string, JournalEntry[], string]>([
    ['is announced while the other branch starts', journal(), 'start fence@1 +announce declare'],
    ['is announced once', journal(waiting('declare'), started('fence')), 'start fence@2'],
  ])('gate beside a running branch: %s', (_case, entries, expected) => {
    const runbook = par('root', gate('declare', 1), step('fence'));

    expect(summary(decide(runbook, entries, now))).toBe(expected);
  });

  const retrying = seq('root', step('a', { retry: rb.retry(3, Duration.seconds(10), Duration.seconds(15)) }), step('b'));
  it.each<[string, JournalEntry[], number, string]>([
    ['first failure waits initialDelay', journal([0, started('a')], [100, failed('a')]), 105, 'wait-retry a until +110s'],
    ['the retry is due', journal([0, started('a')], [100, failed('a')]), 110, 'start a@2'],
    ['second failure waits initialDelay x factor, capped by maxDelay', journal([0, started('a')], [100, failed('a')], [110, started('a', 2)], [200, timedOut('a', 2)]), 201, 'wait-retry a until +215s'],
    ['third failure: retries exhausted, run fails', journal(started('a'), failed('a'), started('a', 2), failed('a', 2), started('a', 3), failed('a', 3)), 9999, 'done failed at a'],
    ['a permanent failure is not retried', journal(started('a'), failed('a', 1, false)), 9999, 'done failed at a'],
    ['a crashed attempt is not a failure: re-started as attempt 2', journal(started('a')), 0, 'start a@2'],
    ['crashes then a success', journal(started('a'), started('a', 2), ok('a', 2)), 0, 'start b@1'],
  ])('retry: %s', (_case, entries, atSeconds, expected) => {
    expect(summary(decide(retrying, entries, new Date(t0 + atSeconds * 1000)))).toBe(expected);
  });

  const saga = seq('root',
    step('a', { compensate: 'undo-a' }),
    par('p', step('b', { compensate: 'undo-b' }), step('c')),
    step('d', { compensate: 'undo-d' }),
    step('e'));
  const upToE = [started('a'), ok('a'), started('b'), started('c'), ok('c'), ok('b'), started('d'), ok('d'), started('e'), failed('e', 1, false)];
  it.each<[string, JournalEntry[], string]>([
    ['a failed step starts compensations of the steps that acted, newest first', journal(...upToE), 'compensate d b a'],
    ['an interrupted compensation is run again', journal(...upToE, compStarted('d')), 'compensate d b a'],
    ['compensations go on in reverse order', journal(...upToE, compStarted('d'), compOk('d')), 'compensate b a'],
    ['then the run is failed', journal(...upToE, compStarted('d'), compOk('d'), compStarted('b'), compOk('b'), compStarted('a'), compOk('a')), 'done failed at e'],
    ['a failed compensation does not stop the others', journal(...upToE, compStarted('d'), compFailed('d')), 'compensate b a'],
    ['nothing to undo: failed at once', journal(started('a'), failed('a', 1, false)), 'done failed at a'],
    ['a step interrupted by a crash may have acted: it is compensated too', journal(started('a'), ok('a'), started('b'), started('c'), failed('c', 1, false)), 'compensate b a'],
  ])('saga: %s', (_case, entries, expected) => {
    expect(summary(decide(saga, entries, now))).toBe(expected);
  });

  it('names what to undo by hand when a compensation failed', () => {
    const entries = journal(...upToE, compFailed('d'), compOk('b'), compOk('a'));

    const decision = decide(saga, entries, now);

    expect(decision).toMatchObject({ type: 'done', outcome: 'failed', failure: { step: 'e' } });
    expect(decision.type === 'done' && decision.failure?.nextAction).toMatch(/step e failed: boom.*undo by hand what d did/);
  });

  it.each<[string, JournalEntry[]]>([
    ['while a step runs', journal(started('a'), { kind: 'run-aborted', actor: 'bob', reason: 'drill over' })],
    ['while a gate waits', journal(waiting('declare'), { kind: 'run-aborted', actor: 'bob', reason: 'false alarm' })],
  ])('abort %s: done aborted, nothing more', (_case, entries) => {
    const runbook: RunbookNode = seq('root', gate('declare', 1), step('a'));

    expect(summary(decide(runbook, entries, now))).toBe('done aborted (recorded)');
  });

  const abortBy = (actor: string, reason: string): EntryDraft => ({ kind: 'abort-requested', actor, reason });
  it.each<[string, JournalEntry[], string]>([
    ['requested between steps: the steps that acted are undone, newest first', journal(started('a'), ok('a'), started('c'), ok('c'), started('b'), ok('b'), abortBy('bob', 'false alarm')), 'compensate b a'],
    ['requested while steps run: a running step may have acted, so it is undone too', journal(started('a'), ok('a'), started('b'), started('c'), abortBy('bob', 'drill over')), 'compensate b a'],
    ['a step cancelled by the abort did not finish acting: not undone', journal(started('a'), ok('a'), started('b'), started('c'), abortBy('bob', 'drill over'), failed('b'), failed('c')), 'compensate a'],
    ['then done aborted, with who and why', journal(started('a'), ok('a'), abortBy('bob', 'drill over'), compStarted('a'), compOk('a')), 'done aborted by bob: drill over'],
    ['the first request counts', journal(started('a'), ok('a'), abortBy('bob', 'drill over'), abortBy('eve', 'me too'), compStarted('a'), compFailed('a')), 'done aborted by bob: drill over'],
    ['an abort outranks a failure', journal(started('a'), ok('a'), started('b'), failed('b', 1, false), abortBy('bob', 'stop'), compStarted('a'), compOk('a')), 'done aborted by bob: stop'],
    ['nothing retried or started after the request', journal(started('a'), failed('a'), abortBy('bob', 'stop')), 'done aborted by bob: stop'],
  ])('abort requested %s', (_case, entries, expected) => {
    expect(summary(decide(saga, entries, now))).toBe(expected);
  });

  it('an abort requested while a gate waits ends the run aborted without starting anything', () => {
    const runbook: RunbookNode = seq('root', gate('declare', 1), step('a', { compensate: 'undo-a' }));

    const decision = decide(runbook, journal(waiting('declare'), abortBy('bob', 'false alarm')), now);

    expect(summary(decision)).toBe('done aborted by bob: false alarm');
  });

  it('ignores everything after a terminal entry', () => {
    const entries = journal({ kind: 'run-failed', step: 'a', nextAction: 'x' }, started('a'), ok('a'));

    expect(summary(decide(sequence, entries, now))).toBe('done failed (recorded)');
  });
});
