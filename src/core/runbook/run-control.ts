import { ConflictError, InputError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { Hasher } from '../ports/hasher.js';
import type { JournalStore, Lease } from '../ports/journal-store.js';
import { stepsNotUndone } from './engine.js';
import { terminalEntryOf, type EntryDraft, type EntryOf, type JournalEntry, type TerminalKind } from './journal-entry.js';
import { foldJournal, type GateRecord, type JournalState } from './journal-state.js';
import { JournalWriter } from './journal-writer.js';
import { fromRunbookJson } from './runbook-json.js';
import { nodesOf, type GateNode, type RunbookNode } from './runbook.js';

export interface RunControlOptions {
  store: JournalStore;
  hasher: Hasher;
  clock: Clock;
  /** This process as a lease holder; must differ from any runner's (it takes a dead run's lease to end it). */
  holder: string;
  /** How long the lease taken to end a dead run lasts. Default 30s. */
  leaseTtl?: Duration;
}

/** A gate approval as journaled: who has approved so far, and whether the gate is now open. */
export interface ApprovalResult {
  runId: string;
  gate: string;
  approvals: number;
  approvers: string[];
  open: boolean;
}

/**
 * `requested`: a live runner holds the plan's lease; it stops at its next step boundary, runs the
 * compensations and writes run-aborted. `aborted`: no process drove the run; it was ended at once, and
 * `notUndone` names the steps that acted with a compensation nobody ran.
 */
export type AbortResult =
  | { runId: string; mode: 'requested'; alreadyRequestedBy?: string }
  | { runId: string; mode: 'aborted'; notUndone: string[] };

interface OpenRun {
  runbook: RunbookNode;
  plan: string;
  state: JournalState;
  entries: JournalEntry[];
}

/**
 * What people do to a run that some process drives: approve or reject a waiting gate, abort it.
 * Everything goes through the run's journal (approvals and abort requests need no lease, like any
 * append they chain onto the latest entry); the runner polls the journal and acts on them.
 *
 * @example await new RunControl({ store, hasher, clock, holder: 'cli:ops' }).approve({ runId, approver: 'ic' })
 */
export class RunControl {
  constructor(private readonly o: RunControlOptions) {}

  /** Approves the waiting gate (or `gate`); an approver counts once, so a second approval by the same one is refused. */
  async approve(r: { runId: string; approver: string; gate?: string; reason?: string }): Promise<ApprovalResult> {
    const run = await this.open(r.runId, 'approve');
    const gate = waitingGate(r.runId, run, r.gate);
    const record = run.state.gates.get(gate.id) as GateRecord;
    if (record.approvers.has(r.approver)) {
      const left = gate.approvals - record.approvers.size;
      throw new ConflictError(`${r.approver} has already approved gate ${gate.id} of run ${r.runId}; an approver counts once: it needs ${left} more approval${left === 1 ? '' : 's'} from someone else`);
    }
    await this.append(r.runId, [{ kind: 'gate-approved', gate: gate.id, approver: r.approver, ...(r.reason ? { reason: r.reason } : {}) }]);
    const approvers = [...record.approvers, r.approver];
    return { runId: r.runId, gate: gate.id, approvals: gate.approvals, approvers, open: approvers.length >= gate.approvals };
  }

  /** Rejects the waiting gate (or `gate`): the runner rolls back and the run ends failed at the gate. */
  async reject(r: { runId: string; approver: string; reason: string; gate?: string }): Promise<{ runId: string; gate: string }> {
    if (r.reason.trim() === '') throw new InputError([{ path: '--reason', message: 'say why the gate is rejected' }]);
    const run = await this.open(r.runId, 'reject');
    const gate = waitingGate(r.runId, run, r.gate);
    await this.append(r.runId, [{ kind: 'gate-rejected', gate: gate.id, approver: r.approver, reason: r.reason }]);
    return { runId: r.runId, gate: gate.id };
  }

  /**
   * Asks a run to stop. When a runner holds the plan's lease, abort-requested is journaled for it to act
   * on; otherwise the run is dead and run-aborted is written at once, under a lease taken for the
   * purpose (so no resume can start meanwhile).
   */
  async abort(r: { runId: string; actor: string; reason: string }): Promise<AbortResult> {
    if (r.reason.trim() === '') throw new InputError([{ path: '--reason', message: 'say why the run is aborted' }]);
    const run = await this.open(r.runId, 'abort');
    let lease: Lease;
    try {
      lease = await this.o.store.acquireLease({ plan: run.plan, holder: this.o.holder, ttl: this.o.leaseTtl ?? Duration.seconds(30) });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.requestAbort(r, run);
    }
    try {
      await this.append(r.runId, [{ kind: 'run-aborted', actor: r.actor, reason: r.reason }], lease);
      return { runId: r.runId, mode: 'aborted', notUndone: stepsNotUndone(run.runbook, run.entries) };
    } finally {
      await this.o.store.releaseLease(lease).catch(() => undefined);
    }
  }

  /** Polls the journal until the run ends or `timeout` passes; the terminal entry, or undefined. */
  async waitForEnd(runId: string, o: { timeout: Duration; poll: Duration; onEntry?: (e: JournalEntry) => void; seen?: number }): Promise<EntryOf<TerminalKind> | undefined> {
    const deadline = this.o.clock.now().getTime() + o.timeout.toMilliseconds();
    let seen = o.seen ?? 0;
    for (;;) {
      const entries = await this.o.store.read(runId);
      for (const e of entries.slice(seen)) o.onEntry?.(e);
      seen = entries.length;
      const terminal = terminalEntryOf(entries);
      if (terminal || this.o.clock.now().getTime() >= deadline) return terminal;
      await this.o.clock.sleep(o.poll);
    }
  }

  private async requestAbort(r: { runId: string; actor: string; reason: string }, run: OpenRun): Promise<AbortResult> {
    const earlier = run.state.abortRequested;
    if (earlier) return { runId: r.runId, mode: 'requested', alreadyRequestedBy: earlier.actor };
    await this.append(r.runId, [{ kind: 'abort-requested', actor: r.actor, reason: r.reason }]);
    return { runId: r.runId, mode: 'requested' };
  }

  private async open(runId: string, verb: string): Promise<OpenRun> {
    const entries = await this.o.store.read(runId);
    const first = entries[0];
    if (first?.kind !== 'run-started') throw new InputError(`run ${runId} has no run-started entry`);
    const ended = terminalEntryOf(entries);
    if (ended) throw new ConflictError(`run ${runId} has already ended (${ended.kind} at ${ended.at}): nothing to ${verb}`);
    return { runbook: fromRunbookJson(first.runbook), plan: first.plan, state: foldJournal(entries), entries };
  }

  private async append(runId: string, drafts: EntryDraft[], lease?: Lease): Promise<void> {
    const writer = new JournalWriter({ store: this.o.store, runId, hasher: this.o.hasher, clock: this.o.clock, ...(lease ? { lease: () => lease } : {}) });
    await writer.refresh();
    if (!(await writer.append(drafts))) {
      const ended = terminalEntryOf(writer.entries);
      throw new ConflictError(`run ${runId} ended meanwhile (${ended?.kind ?? 'terminal entry'}): nothing was written`);
    }
  }
}

/** The gate named by `name`, or the only gate waiting; it must be announced, unanswered and short of approvals. */
function waitingGate(runId: string, run: OpenRun, name: string | undefined): GateNode {
  const gates = nodesOf(run.runbook).filter((n): n is GateNode => n.kind === 'gate');
  if (name !== undefined) {
    const gate = gates.find((g) => g.id === name);
    if (!gate) throw new InputError([{ path: '--gate', message: `run ${runId} has no gate "${name}" (its gates: ${gates.map((g) => g.id).join(', ') || 'none'})` }]);
    const why = notWaiting(gate, run.state);
    if (why) throw new ConflictError(`gate ${gate.id} of run ${runId} ${why}`);
    return gate;
  }
  const waiting = gates.filter((g) => notWaiting(g, run.state) === undefined);
  if (waiting.length > 1) throw new InputError([{ path: '--gate', message: `several gates of run ${runId} wait (${waiting.map((g) => g.id).join(', ')}): name one` }]);
  const [gate] = waiting;
  if (!gate) throw new ConflictError(`no gate of run ${runId} is waiting for approval`);
  return gate;
}

function notWaiting(gate: GateNode, state: JournalState): string | undefined {
  const record = state.gates.get(gate.id);
  if (state.abortRequested) return `is not waiting: an abort was requested by ${state.abortRequested.actor}`;
  if (!record?.announced) return 'is not waiting yet: the run has not reached it';
  if (record.rejected) return `was rejected by ${record.rejected.approver}`;
  if (record.approvers.size >= gate.approvals) return `already has its ${gate.approvals} approval${gate.approvals === 1 ? '' : 's'} (${[...record.approvers].join(', ')})`;
  return undefined;
}
