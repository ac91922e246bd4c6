import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import type { AppendRequest, JournalStore, Lease } from '../ports/journal-store.js';
import type { NotificationEvent } from '../ports/notifier.js';
import type { NotificationDelivery, RunNotification, RunNotifier } from '../ports/run-notifier.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../../testing/scripted-step-executor.js';
import { sealEntries } from './hash-chain.js';
import type { EntryDraft, JournalEntry } from './journal-entry.js';
import { RunControl } from './run-control.js';
import { dueNotifications } from './run-notices.js';
import type { RunbookNode } from './runbook.js';
import { toRunbookJson } from './runbook-json.js';
import { RunbookRunner } from './runner.js';

const hasher = new NodeCryptoHasher();
const { step, gate, seq } = rb;
const t0 = Date.parse('2026-03-01T10:00:00.000Z');

/** A notifier that records what it was asked to send; `answer` decides how each send ends. */
class RecordingNotifier implements RunNotifier {
  readonly sent: Array<{ event: NotificationEvent; notification: RunNotification }> = [];
  constructor(
    private readonly channels: Partial<Record<NotificationEvent, string[]>> = {},
    private readonly answer: (event: NotificationEvent) => Promise<NotificationDelivery> | undefined = () => undefined,
  ) {}
  subscribers(event: NotificationEvent): string[] {
    return this.channels[event] ?? ['oncall'];
  }
  send(event: NotificationEvent, notification: RunNotification): Promise<NotificationDelivery> {
    this.sent.push({ event, notification });
    return this.answer(event) ?? Promise.resolve({ delivered: this.subscribers(event), failed: [] });
  }
  events(): string[] {
    return this.sent.map((s) => s.event);
  }
}

function setup(script: Record<string, ScriptedOutcome[]> = {}, notifier = new RecordingNotifier(), store: JournalStore | undefined = undefined) {
  const clock = new FakeClock(new Date(t0));
  const inner = new InMemoryJournalStore({ hasher, clock });
  const executor = new ScriptedStepExecutor(clock, script);
  const runner = (holder: string, s: JournalStore = store ?? inner) =>
    new RunbookRunner({ store: s, executor, clock, hasher, holder, pollInterval: Duration.seconds(1), notifier, notifyTimeout: Duration.seconds(10) });
  const control = new RunControl({ store: inner, hasher, clock, holder: 'cli' });
  const start = (runbook: RunbookNode, s?: JournalStore) => runner('first', s).start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook, actor: 'alice' });
  const later = <T>(seconds: number, act: () => Promise<T>): Promise<T> => clock.sleep(Duration.seconds(seconds)).then(act);
  const kinds = async () => (await inner.read('r1')).map((e) => (e.kind.startsWith('notification-') && 'event' in e ? `${e.kind}:${e.event}` : e.kind));
  return { clock, inner, executor, runner, control, start, later, notifier, kinds };
}

function journal(runbook: RunbookNode, ...items: Array<[number, EntryDraft]>): JournalEntry[] {
  const started: EntryDraft = { kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'h', runbook: toRunbookJson(runbook), actor: 'alice' };
  const entries: JournalEntry[] = [];
  for (const [seconds, draft] of [[0, started] as [number, EntryDraft], ...items]) {
    entries.push(...sealEntries([draft], { previous: entries.at(-1), at: new Date(t0 + seconds * 1000), hasher }));
  }
  return entries;
}

describe('dueNotifications', () => {
  const runbook = seq('failover', step('confirm'), gate('declare', 2));
  const waiting: [number, EntryDraft] = [10, { kind: 'gate-waiting', gate: 'declare', approvals: 2 }];
  const sentStarted: [number, EntryDraft] = [1, { kind: 'notification-started', event: 'failover-started', channels: ['oncall'] }];
  const approvalSent: [number, EntryDraft] = [12, { kind: 'notification-started', event: 'approval-needed', gate: 'declare', channels: ['oncall'] }];
  const approved = (who: string): [number, EntryDraft] => [11, { kind: 'gate-approved', gate: 'declare', approver: who }];
  it.each<[string, JournalEntry[], number, string[]]>([
    ['a started run: failover-started', journal(runbook), 0, ['failover-started']],
    ['failover-started once: its notification-started entry is enough, ended or not', journal(runbook, sentStarted), 0, []],
    ['a gate that has just begun to wait: not yet (a --yes approval may be landing)', journal(runbook, sentStarted, waiting), 10.5, []],
    ['a gate that has waited the grace: approval-needed', journal(runbook, sentStarted, waiting), 11, ['approval-needed/declare']],
    ['one approval of two: still needed', journal(runbook, sentStarted, waiting, approved('ic')), 20, ['approval-needed/declare']],
    ['approval-needed once per gate', journal(runbook, sentStarted, waiting, approvalSent), 60, []],
    ['the gate has its approvals: nothing', journal(runbook, sentStarted, waiting, approved('ic'), approved('cto')), 60, []],
    ['the gate was rejected: nothing', journal(runbook, sentStarted, waiting, [11, { kind: 'gate-rejected', gate: 'declare', approver: 'cto', reason: 'no' }]), 60, []],
    ['an abort was requested: nothing', journal(runbook, sentStarted, waiting, [11, { kind: 'abort-requested', actor: 'bob', reason: 'stop' }]), 60, []],
    ['an ended run: nothing at all', journal(runbook, [1, { kind: 'run-aborted', actor: 'bob', reason: 'stop' }]), 60, []],
  ])('%s', (_case, entries, atSeconds, expected) => {
    const due = dueNotifications(runbook, entries, new Date(t0 + atSeconds * 1000), Duration.seconds(1));

    expect(due.map((d) => (d.gate ? `${d.event}/${d.gate.id}` : d.event))).toEqual(expected);
  });

  it('a gate needing no approval (auto-failover) never asks for one', () => {
    const auto = seq('failover', gate('declare', 0));

    expect(dueNotifications(auto, journal(auto, sentStarted, [2, { kind: 'gate-waiting', gate: 'declare', approvals: 0 }]), new Date(t0 + 60_000), Duration.seconds(1))).toEqual([]);
  });
});

describe('RunbookRunner notifications', () => {
  it('sends failover-started, approval-needed (once, however long the gate waits) and nothing else for a run that succeeds', async () => {
    const { clock, start, later, control, notifier, kinds } = setup();

    await clock.settle(Promise.all([start(seq('failover', gate('declare', 2), step('fence'))), later(60, () => control.approve({ runId: 'r1', approver: 'ic' })), later(300, () => control.approve({ runId: 'r1', approver: 'cto' }))]));

    expect(notifier.events()).toEqual(['failover-started', 'approval-needed']);
    expect(notifier.sent[1]?.notification).toMatchObject({ runId: 'r1', runbook: 'failover', startedBy: 'alice', gate: { id: 'declare', approvals: 2, approvers: [] } });
    expect(await kinds()).toEqual([
      'run-started', 'notification-started:failover-started', 'gate-waiting', 'notification-ended:failover-started',
      'notification-started:approval-needed', 'notification-ended:approval-needed', 'gate-approved', 'gate-approved',
      'step-started', 'step-succeeded', 'run-succeeded',
    ]);
  });

  it('sends failover-failed with the failed step and next action before run-failed', async () => {
    const { clock, start, notifier, kinds } = setup({ fence: [{ fail: 'apiserver refused', retryable: false }] });

    await clock.settle(start(seq('failover', step('fence'))));

    expect(notifier.events()).toEqual(['failover-started', 'failover-failed']);
    expect(notifier.sent[1]?.notification.failure).toMatchObject({ step: 'fence', nextAction: expect.stringMatching(/apiserver refused/) as unknown });
    expect((await kinds()).slice(-3)).toEqual(['notification-started:failover-failed', 'notification-ended:failover-failed', 'run-failed']);
  });

  it('sends failover-failed with who aborted and why', async () => {
    const { clock, start, later, control, notifier } = setup({ restore: [{ ok: 'x', takes: Duration.hours(1) }] });

    await clock.settle(Promise.all([start(seq('failover', step('restore', { budget: Duration.hours(2) }))), later(30, () => control.abort({ runId: 'r1', actor: 'bob', reason: 'drill over' }))]));

    expect(notifier.events()).toEqual(['failover-started', 'failover-failed']);
    expect(notifier.sent[1]?.notification.abort).toEqual({ actor: 'bob', reason: 'drill over' });
  });

  it('journals nothing for an event no channel subscribes to', async () => {
    const { clock, start, notifier, kinds } = setup({}, new RecordingNotifier({ 'failover-started': [] }));

    await clock.settle(start(seq('failover', step('fence'))));

    expect(notifier.events()).toEqual([]);
    expect(await kinds()).toEqual(['run-started', 'step-started', 'step-succeeded', 'run-succeeded']);
  });

  it('never waits on a channel that does not answer past the timeout: the steps go on, the failure is journaled', async () => {
    const hanging = new RecordingNotifier({}, () => new Promise(() => undefined));
    const { clock, inner, start } = setup({ fence: [{ fail: 'no', retryable: false }] }, hanging);

    const result = await clock.settle(start(seq('failover', step('fence', { budget: Duration.minutes(1) }))));
    const entries = await inner.read('r1');

    expect(result.outcome).toBe('failed');
    const ends = entries.filter((e) => e.kind === 'notification-ended');
    expect(ends.map((e) => e.kind === 'notification-ended' && [e.event, e.failed])).toEqual([
      ['failover-started', [{ channel: 'oncall', error: 'no answer within 10s' }]],
      ['failover-failed', [{ channel: 'oncall', error: 'no answer within 10s' }]],
    ]);
    const fenceStarted = entries.find((e) => e.kind === 'step-started');
    expect(Date.parse(fenceStarted!.at)).toBe(t0);
    expect(Date.parse(entries.at(-1)!.at) - t0).toBeLessThanOrEqual(10_000);
  });

  it('sends each event at most once across a crash and a resume in a new process', async () => {
    const { clock, inner, runner, control, notifier, start } = setup({ work: [{ fail: 'DNS API 403', retryable: false }] });
    // The process dies after approval-needed went out, before its notification-ended entry is written.
    const dying = new DyingStore(inner, (r) => r.entries.some((e) => e.kind === 'notification-ended' && e.event === 'approval-needed'));
    const runbook = seq('failover', gate('declare', 1), step('work'));

    const crashed = await clock.settle(start(runbook, dying).catch((e: unknown) => e));
    clock.advance(Duration.seconds(31));
    const [resumed] = await clock.settle(Promise.all([
      runner('second').resume({ runId: 'r1', actor: 'alice' }),
      clock.sleep(Duration.seconds(5)).then(() => control.approve({ runId: 'r1', approver: 'ic' })),
    ]));
    const entries = await inner.read('r1');

    expect((crashed as Error).message).toBe('process killed');
    expect(resumed.outcome).toBe('failed');
    expect(notifier.events()).toEqual(['failover-started', 'approval-needed', 'failover-failed']);
    const started = entries.filter((e) => e.kind === 'notification-started').map((e) => e.kind === 'notification-started' && e.event);
    expect(started).toEqual(['failover-started', 'approval-needed', 'failover-failed']);
    expect(entries.filter((e) => e.kind === 'run-resumed')).toHaveLength(1);
  });
});

class Crash extends Error {}

/** A store whose process dies at the first append matching `fatal` (the append does not land): every later call throws. */
class DyingStore implements JournalStore {
  private dead = false;
  constructor(private readonly inner: JournalStore, private readonly fatal: (r: AppendRequest) => boolean) {}
  append(request: AppendRequest): Promise<void> {
    if (this.dead || this.fatal(request)) return this.die();
    return this.inner.append(request);
  }
  read(runId: string): Promise<JournalEntry[]> { return this.dead ? this.die() : this.inner.read(runId); }
  acquireLease(r: { plan: string; holder: string; ttl: Duration }): Promise<Lease> { return this.dead ? this.die() : this.inner.acquireLease(r); }
  renewLease(lease: Lease, ttl: Duration): Promise<Lease> { return this.dead ? this.die() : this.inner.renewLease(lease, ttl); }
  releaseLease(lease: Lease): Promise<void> { return this.dead ? this.die() : this.inner.releaseLease(lease); }
  listRuns(filter?: { plan?: string }): ReturnType<JournalStore['listRuns']> { return this.dead ? this.die() : this.inner.listRuns(filter); }
  private die(): Promise<never> {
    this.dead = true;
    return Promise.reject(new Crash('process killed'));
  }
}
