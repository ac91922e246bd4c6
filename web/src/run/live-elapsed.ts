import type { JournalEntry, StepView } from '../api/types.js';

const START = new Set(['step-started', 'gate-waiting']);
const END = new Set(['step-succeeded', 'step-failed', 'step-timed-out', 'gate-approved', 'gate-rejected']);
const TERMINAL = new Set(['run-succeeded', 'run-failed', 'run-aborted']);

/** A step's or gate's progress: elapsed so far, and whether it is still under way. */
export interface NodeProgress {
  elapsedSeconds: number | null;
  running: boolean;
  over: boolean;
  /** Share of the budget used, 0..1 (capped: the bar never overflows, it turns red). */
  fill: number;
}

/**
 * Elapsed vs budget for one node of a run, as of `now`: the server's measurement once the node has
 * ended, and for a node still under way the time since it first started (or began waiting), so the
 * bar fills between journal entries. Mirrors the engine's measure(): first start to last end.
 */
export function progressOf(step: StepView, entries: readonly JournalEntry[], now: number): NodeProgress {
  const own = entries.filter((e) => (e.step ?? e.gate) === step.id && (START.has(e.kind) || END.has(e.kind)));
  const first = own[0];
  const last = own.at(-1);
  const running = first !== undefined && last !== undefined && START.has(last.kind) && !hasEnded(entries);
  const elapsed = running ? Math.max(0, (now - Date.parse(first.at)) / 1000) : endedElapsed(step, first, last);
  const fill = elapsed === null || step.budgetSeconds <= 0 ? 0 : Math.min(1, elapsed / step.budgetSeconds);
  return { elapsedSeconds: elapsed, running, over: step.overBudget || (elapsed !== null && elapsed > step.budgetSeconds), fill };
}

/** The server's measurement, else first start to last end from the entries; null if it never ended. */
function endedElapsed(step: StepView, first: JournalEntry | undefined, last: JournalEntry | undefined): number | null {
  if (step.elapsedSeconds !== null) return step.elapsedSeconds;
  return first && last && END.has(last.kind) ? (Date.parse(last.at) - Date.parse(first.at)) / 1000 : null;
}

/** True once the journal holds run-succeeded, run-failed or run-aborted. */
export function hasEnded(entries: readonly JournalEntry[]): boolean {
  return entries.some((e) => TERMINAL.has(e.kind));
}

/** Merges entries by seq (the stream and a reload may both carry one), in seq order. */
export function mergeEntries(a: readonly JournalEntry[], b: readonly JournalEntry[]): JournalEntry[] {
  const bySeq = new Map<number, JournalEntry>();
  for (const e of [...a, ...b]) bySeq.set(e.seq, { ...bySeq.get(e.seq), ...e });
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}
