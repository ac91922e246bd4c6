import { foldJournal, type JournalState } from './journal-state.js';
import type { JournalEntry } from './journal-entry.js';
import { isExhausted, progressOf, type Progress, type StepStart } from './progress.js';
import { type GateNode, type RunbookNode, type StepNode, stepsOf, nodesOf } from './runbook.js';

export type Outcome = 'succeeded' | 'failed' | 'aborted';

/** Why a run failed and what an operator should do next. */
export interface RunFailure {
  step: string;
  nextAction: string;
}

/** Who asked a run to stop (an abort-requested entry, or the runner's own signal) and why. */
export interface RunAbort {
  actor: string;
  reason: string;
}

/** What the runner should do next; see `decide`. */
export type Decision =
  | { type: 'start-steps'; steps: StepStart[]; /** gates in other branches to announce (gate-waiting) meanwhile */ announce: GateNode[] }
  | { type: 'wait-gate'; gate: GateNode; approvers: string[]; announced: boolean }
  | { type: 'wait-retry'; step: StepNode; until: Date }
  | { type: 'compensate'; steps: Array<StepNode & { compensate: string }> }
  | { type: 'done'; outcome: Outcome; recorded: boolean; failure?: RunFailure; abort?: RunAbort };

/**
 * Decides the next move of a run from the runbook and its journal alone (no I/O, no hidden state), so a
 * new process replaying the journal after a crash decides exactly what the crashed one would have.
 *
 * Order of concerns: an ended run is done; an abort-requested entry turns the run into a saga rollback
 * (compensations of the steps that acted, newest first) ending done/aborted; so does a failed step (no
 * retry left) or a rejected gate, ending done/failed; otherwise the tree's progress gives steps to start,
 * a gate to wait for, or a retry to wait for.
 *
 * @example decide(runbook, await store.read(runId), clock.now())
 */
export function decide(runbook: RunbookNode, entries: readonly JournalEntry[], now: Date): Decision {
  const state = foldJournal(entries);
  if (state.terminal) return { type: 'done', outcome: outcomeOf(state.terminal.kind), recorded: true };
  if (state.abortRequested) return rollback(runbook, state, { actor: state.abortRequested.actor, reason: state.abortRequested.reason });
  const failure = failureOf(runbook, state);
  if (failure) return rollback(runbook, state, failure);
  const progress = progressOf(runbook, state, now);
  if (progress.done) return { type: 'done', outcome: 'succeeded', recorded: false };
  if (progress.ready.length > 0) {
    const announce = progress.gates.filter((g) => !state.gates.get(g.id)?.announced);
    return { type: 'start-steps', steps: progress.ready, announce };
  }
  return waitFor(progress, state) ?? fail(`runbook ${runbook.id}: nothing to do and not done (the journal does not match the runbook)`);
}

/** Gates before retries: a gate not yet announced first, so each gets its gate-waiting entry. */
function waitFor(progress: Progress, state: JournalState): Decision | undefined {
  const gate = progress.gates.find((g) => !state.gates.get(g.id)?.announced) ?? progress.gates[0];
  if (gate) {
    const record = state.gates.get(gate.id);
    return { type: 'wait-gate', gate, approvers: [...(record?.approvers ?? [])], announced: record?.announced ?? false };
  }
  const retry = [...progress.retries].sort((a, b) => a.until.getTime() - b.until.getTime())[0];
  return retry && { type: 'wait-retry', step: retry.step, until: retry.until };
}

function fail(message: string): never {
  throw new Error(message);
}

function outcomeOf(kind: 'run-succeeded' | 'run-failed' | 'run-aborted'): Outcome {
  return kind === 'run-succeeded' ? 'succeeded' : kind === 'run-failed' ? 'failed' : 'aborted';
}

/** The first (by seq) failed-for-good step or rejected gate, with its reason. */
function failureOf(runbook: RunbookNode, state: JournalState): Failure | undefined {
  const failures = nodesOf(runbook).flatMap((node) => nodeFailure(node, state) ?? []);
  return failures.sort((a, b) => a.seq - b.seq)[0];
}

interface Failure {
  id: string;
  reason: string;
  seq: number;
}

function nodeFailure(node: RunbookNode, state: JournalState): Failure | undefined {
  if (node.kind === 'step') {
    const record = state.steps.get(node.id);
    if (!record || !isExhausted(node, record)) return undefined;
    return { id: node.id, reason: `step ${node.id} failed: ${record.error ?? 'unknown error'}`, seq: record.lastSeq };
  }
  const rejected = node.kind === 'gate' ? state.gates.get(node.id)?.rejected : undefined;
  return rejected && { id: node.id, reason: `gate ${node.id} rejected by ${rejected.approver}: ${rejected.reason}`, seq: rejected.seq };
}

/** Undoes what acted, then ends: aborted when `cause` is an abort, else failed at the failure's node. */
function rollback(runbook: RunbookNode, state: JournalState, cause: Failure | RunAbort): Decision {
  const acted = compensable(runbook, state);
  const pending = acted.filter((s) => !['succeeded', 'failed'].includes(state.compensations.get(s.id) ?? ''));
  if (pending.length > 0) return { type: 'compensate', steps: pending };
  if ('actor' in cause) return { type: 'done', outcome: 'aborted', recorded: false, abort: cause };
  const notUndone = acted.filter((s) => state.compensations.get(s.id) === 'failed').map((s) => s.id);
  const undo = notUndone.length > 0 ? `; undo by hand what ${notUndone.join(', ')} did (compensation failed)` : '';
  const nextAction = `${cause.reason}. Fix the cause, then start a new run${undo}`;
  return { type: 'done', outcome: 'failed', recorded: false, failure: { step: cause.id, nextAction } };
}

/** Steps with a compensation that acted, newest first. */
function compensable(runbook: RunbookNode, state: JournalState): Array<StepNode & { compensate: string }> {
  return stepsOf(runbook)
    .filter((s): s is StepNode & { compensate: string } => s.compensate !== undefined)
    .filter((s) => hasActed(state, s.id))
    .sort((a, b) => (state.steps.get(b.id)?.lastSeq ?? 0) - (state.steps.get(a.id)?.lastSeq ?? 0));
}

/**
 * Ids of the steps that acted and whose compensation has not succeeded: what is left to undo by hand
 * when a run is ended without its runner (`run abort` on a run no process drives).
 */
export function stepsNotUndone(runbook: RunbookNode, entries: readonly JournalEntry[]): string[] {
  const state = foldJournal(entries);
  return compensable(runbook, state).filter((s) => state.compensations.get(s.id) !== 'succeeded').map((s) => s.id);
}

/** A step acted when it succeeded, or when an attempt is open (it may have acted partly before a crash). */
function hasActed(state: JournalState, id: string): boolean {
  const record = state.steps.get(id);
  return record !== undefined && (record.end === 'succeeded' || record.end === undefined);
}
