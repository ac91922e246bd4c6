import type { Json } from '../runbook/json.js';
import type { EntryDraft, JournalEntry } from '../runbook/journal-entry.js';
import { toRunbookJson } from '../runbook/runbook-json.js';
import type { RunbookNode } from '../runbook/runbook.js';
import type { TabletopAnswer } from './tabletop-answers.js';
import type { TabletopFlag } from './tabletop-summary.js';

/** What a tabletop's step-succeeded entry carries as `output`. */
export interface TabletopStepOutput {
  owner: string | null;
  /** A duration as written (`4m`). */
  estimate: string;
  notes: string;
  discussedMs: number;
  flags: TabletopFlag[];
}

const PARTICIPANTS = '; participants: ';

/**
 * A tabletop's run id: `tabletop-<plan>-<UTC time>-<suffix>` (the suffix keeps two runs started in
 * the same second apart).
 *
 * @example tabletopRunId('shop', new Date('2026-03-02T09:00:00Z'), '1a2b') // 'tabletop-shop-20260302t090000z-1a2b'
 */
export function tabletopRunId(plan: string, at: Date, suffix: string): string {
  return `tabletop-${plan}-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').toLowerCase()}-${suffix}`;
}

/**
 * The run-started actor of a tabletop: who started it, and who took part.
 *
 * @example tabletopActor('cli:ana', ['ana', 'ben']) // 'cli:ana; participants: ana, ben'
 */
export function tabletopActor(starter: string, participants: readonly string[]): string {
  return participants.length > 0 ? `${starter}${PARTICIPANTS}${participants.join(', ')}` : starter;
}

/** The participants a tabletop's actor names (see `tabletopActor`). */
export function participantsOf(actor: string): string[] {
  const at = actor.indexOf(PARTICIPANTS);
  return at < 0 ? [] : actor.slice(at + PARTICIPANTS.length).split(', ').filter((p) => p !== '');
}

/** The run-started entry: the failover runbook the tabletop walks through. */
export function tabletopStarted(run: { runId: string; plan: string; planHash: string; runbook: RunbookNode; actor: string }): EntryDraft {
  return { kind: 'run-started', runId: run.runId, plan: run.plan, planHash: run.planHash, runbook: toRunbookJson(run.runbook), actor: run.actor };
}

/** The step-succeeded entry holding a step's answers. */
export function tabletopAnswered(stepId: string, answer: TabletopAnswer, flags: readonly TabletopFlag[]): EntryDraft {
  const output: TabletopStepOutput = { owner: answer.owner, estimate: answer.estimate.toString(), notes: answer.notes, discussedMs: answer.discussedMs, flags: [...flags] };
  return { kind: 'step-succeeded', step: stepId, attempt: 1, output: output as unknown as Json };
}

/**
 * The entry for a step the tabletop left mid-discussion (Ctrl-C, end of input): step-failed, with the
 * answers given so far in its message, so none is lost.
 */
export function tabletopInterrupted(stepId: string, partial: { owner?: string | null; estimate?: string }, why: string): EntryDraft {
  const given = [
    ...(partial.owner === undefined ? [] : [`owner ${partial.owner === null ? '(none)' : JSON.stringify(partial.owner)}`]),
    ...(partial.estimate === undefined ? [] : [`estimate ${partial.estimate}`]),
  ];
  return { kind: 'step-failed', step: stepId, attempt: 1, error: `${why} during the discussion${given.length > 0 ? `; answers so far: ${given.join(', ')}` : ''}`, retryable: true };
}

/**
 * A tabletop's answers read back from its journal, by step id (the evidence builder's view).
 *
 * @example tabletopAnswersOf(entries).get('fence')?.owner // 'alice'
 */
export function tabletopAnswersOf(entries: readonly JournalEntry[]): Map<string, TabletopStepOutput> {
  const out = new Map<string, TabletopStepOutput>();
  for (const e of entries) {
    if (e.kind === 'step-succeeded') out.set(e.step, e.output as unknown as TabletopStepOutput);
  }
  return out;
}
