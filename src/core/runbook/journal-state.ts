import type { Json } from './json.js';
import type { EntryOf, JournalEntry, TerminalKind } from './journal-entry.js';
import { isTerminalKind } from './journal-entry.js';

/** What the journal says about one step. `end` is undefined while an attempt is open (running or crashed). */
export interface StepRecord {
  /** Attempts started so far (step-started entries). */
  attempts: number;
  /** Attempts that failed or timed out. */
  failures: number;
  end: 'succeeded' | 'failed' | undefined;
  /** Time of the last end entry. */
  endAt: string | undefined;
  /** Seq of the step's last started or ended entry: orders compensations. */
  lastSeq: number;
  retryable: boolean;
  error: string | undefined;
  output: Json | undefined;
}

export interface GateRecord {
  announced: boolean;
  approvers: Set<string>;
  rejected: { approver: string; reason: string; seq: number } | undefined;
}

/** The journal folded into per-step, per-gate and per-compensation facts; the engine decides from this. */
export interface JournalState {
  started: EntryOf<'run-started'> | undefined;
  terminal: EntryOf<TerminalKind> | undefined;
  steps: Map<string, StepRecord>;
  gates: Map<string, GateRecord>;
  compensations: Map<string, 'started' | 'succeeded' | 'failed'>;
  /** The first abort-requested entry: the run rolls back (compensations) and ends aborted. */
  abortRequested: { actor: string; reason: string; seq: number } | undefined;
}

/** Folds a run's entries, in seq order, into a JournalState. Entries after a terminal one are ignored. */
export function foldJournal(entries: readonly JournalEntry[]): JournalState {
  const state: JournalState = { started: undefined, terminal: undefined, steps: new Map(), gates: new Map(), compensations: new Map(), abortRequested: undefined };
  for (const entry of entries) {
    if (state.terminal) break;
    apply(state, entry);
  }
  return state;
}

function apply(state: JournalState, e: JournalEntry): void {
  if (isTerminalKind(e.kind)) state.terminal = e as EntryOf<TerminalKind>;
  else if (e.kind === 'run-started') state.started = e;
  else if (e.kind.startsWith('step-')) applyStep(state, e);
  else if (e.kind.startsWith('gate-')) applyGate(state, e);
  else if (e.kind.startsWith('compensation-')) applyCompensation(state, e);
  else if (e.kind === 'abort-requested') state.abortRequested ??= { actor: e.actor, reason: e.reason, seq: e.seq };
}

function stepRecord(state: JournalState, id: string): StepRecord {
  let record = state.steps.get(id);
  if (!record) {
    record = { attempts: 0, failures: 0, end: undefined, endAt: undefined, lastSeq: 0, retryable: true, error: undefined, output: undefined };
    state.steps.set(id, record);
  }
  return record;
}

function applyStep(state: JournalState, e: JournalEntry): void {
  if (e.kind === 'step-started') {
    Object.assign(stepRecord(state, e.step), { attempts: e.attempt, end: undefined, lastSeq: e.seq });
  } else if (e.kind === 'step-succeeded') {
    Object.assign(stepRecord(state, e.step), { end: 'succeeded', endAt: e.at, lastSeq: e.seq, output: e.output });
  } else if (e.kind === 'step-failed' || e.kind === 'step-timed-out') {
    const record = stepRecord(state, e.step);
    const failure = e.kind === 'step-failed'
      ? { retryable: e.retryable, error: e.error }
      : { retryable: true, error: `ran past its budget of ${e.budgetMs}ms` };
    Object.assign(record, failure, { end: 'failed', endAt: e.at, lastSeq: e.seq, failures: record.failures + 1 });
  }
}

function gateRecord(state: JournalState, id: string): GateRecord {
  let record = state.gates.get(id);
  if (!record) {
    record = { announced: false, approvers: new Set(), rejected: undefined };
    state.gates.set(id, record);
  }
  return record;
}

function applyGate(state: JournalState, e: JournalEntry): void {
  if (e.kind === 'gate-waiting') gateRecord(state, e.gate).announced = true;
  else if (e.kind === 'gate-approved') gateRecord(state, e.gate).approvers.add(e.approver);
  else if (e.kind === 'gate-rejected') gateRecord(state, e.gate).rejected = { approver: e.approver, reason: e.reason, seq: e.seq };
}

function applyCompensation(state: JournalState, e: JournalEntry): void {
  if (e.kind === 'compensation-started') state.compensations.set(e.step, 'started');
  else if (e.kind === 'compensation-succeeded') state.compensations.set(e.step, 'succeeded');
  else if (e.kind === 'compensation-failed') state.compensations.set(e.step, 'failed');
}

/** Outputs of the steps that succeeded, by step id: what the executor and notifications are given. */
export function stepOutputs(entries: readonly JournalEntry[]): Record<string, Json> {
  const outputs: Record<string, Json> = {};
  for (const [id, record] of foldJournal(entries).steps) {
    if (record.end === 'succeeded' && record.output !== undefined) outputs[id] = record.output;
  }
  return outputs;
}
