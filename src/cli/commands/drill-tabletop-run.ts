import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { RegionView } from '../../core/drills/observe-regions.js';
import { stepTouches } from '../../core/drills/step-touches.js';
import { parseEstimate, parseOwner, type TabletopAnswer } from '../../core/drills/tabletop-answers.js';
import { tabletopActor, tabletopAnswered, tabletopInterrupted, tabletopRunId, tabletopStarted } from '../../core/drills/tabletop-journal.js';
import type { TabletopStep } from '../../core/drills/tabletop-steps.js';
import { flagsOf, summarizeTabletop, type TabletopSummary } from '../../core/drills/tabletop-summary.js';
import type { DRPlan } from '../../core/plan/schema.js';
import type { Clock } from '../../core/ports/clock.js';
import type { DrillRecorder } from '../../core/ports/drill-history.js';
import type { Hasher } from '../../core/ports/hasher.js';
import type { JournalStore } from '../../core/ports/journal-store.js';
import { redact } from '../../core/redact.js';
import { JournalWriter } from '../../core/runbook/journal-writer.js';
import type { RunbookNode } from '../../core/runbook/runbook.js';
import type { Palette } from '../output/palette.js';
import { LinePrompter, type PromptEnd } from './drill-tabletop-prompter.js';
import { estimatePrompt, formatFlags, formatStepCard, formatSummary, ownerPrompt } from './drill-tabletop-view.js';

export interface TabletopRunOptions {
  plan: DRPlan;
  /** The plan file's text: its sha256 goes into the journal. */
  planText: string;
  runbook: RunbookNode;
  steps: readonly TabletopStep[];
  /** The clusters as read before the walk-through; undefined with --offline. */
  views?: readonly RegionView[];
  participants: readonly string[];
  /** Who started it, e.g. `cli:alice`. */
  starter: string;
  journal: { store: JournalStore; hasher: Hasher; clock: Clock };
  recorder: DrillRecorder;
  io: { input: Readable; output: Writable & { isTTY?: boolean }; terminal?: boolean };
  style: Palette;
  /** Aborting it ends the discussion like Ctrl-C (the CLI ties it to SIGINT when stdin is no terminal). */
  signal?: AbortSignal;
}

export interface TabletopOutcome {
  runId: string;
  summary: TabletopSummary;
  /** Set when the tabletop stopped before the last step. */
  ended?: PromptEnd;
}

type Discussed = { answer: TabletopAnswer } | { ended: PromptEnd; partial: { owner?: string | null; estimate?: string } };

/**
 * Walks the group through the runbook one step at a time and journals as it goes: run-started, then
 * per step step-started and step-succeeded with the answers, then run-succeeded. Ctrl-C or the end of
 * input journals the step in discussion as step-failed (with what was answered) and the run as
 * aborted; every answer given before is already in the journal. Records the tabletop drill either way.
 */
export async function runTabletop(o: TabletopRunOptions): Promise<TabletopOutcome> {
  const { clock, hasher, store } = o.journal;
  const runId = tabletopRunId(o.plan.metadata.name, clock.now(), randomBytes(2).toString('hex'));
  const writer = new JournalWriter({ store, runId, hasher, clock });
  const actor = tabletopActor(o.starter, o.participants);
  await writer.append([tabletopStarted({ runId, plan: o.plan.metadata.name, planHash: hasher.sha256Hex(o.planText), runbook: o.runbook, actor })]);
  o.io.output.write(`tabletop ${runId}: ${o.steps.length} steps of ${o.plan.metadata.name}'s failover runbook${o.participants.length > 0 ? `, with ${o.participants.join(', ')}` : ''}\n`);
  const prompter = new LinePrompter(o.io);
  const onAbort = (): void => prompter.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  const answers = new Map<string, TabletopAnswer>();
  let ended: PromptEnd | undefined;
  try {
    for (const [index, step] of o.steps.entries()) {
      ended = await walkStep(o, { prompter, writer, step, position: { index, total: o.steps.length } }, answers);
      if (ended) break;
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    prompter.close();
  }
  const summary = summarizeTabletop(o.plan, o.runbook, o.steps, answers);
  await writer.append([ended ? { kind: 'run-aborted', actor: o.starter, reason: `tabletop ${ended}` } : { kind: 'run-succeeded' }]);
  await o.recorder.record({ plan: o.plan.metadata.name, kind: 'tabletop', finishedAt: clock.now(), succeeded: !ended && summary.succeeded, runId });
  o.io.output.write(formatSummary(summary, o.style));
  return ended ? { runId, summary, ended } : { runId, summary };
}

interface StepTurn { prompter: LinePrompter; writer: JournalWriter; step: TabletopStep; position: { index: number; total: number } }

/** Shows one step, asks about it, journals the outcome; returns why the tabletop ended, if it did. */
async function walkStep(o: TabletopRunOptions, turn: StepTurn, answers: Map<string, TabletopAnswer>): Promise<PromptEnd | undefined> {
  const { step, writer } = turn;
  const touches = o.views && stepTouches(o.plan, step, o.views, o.journal.clock.now()).map((t) => redact(t));
  o.io.output.write(formatStepCard(step, turn.position, touches, o.style));
  await writer.append([{ kind: 'step-started', step: step.id, attempt: 1 }]);
  const result = await discuss(o, turn);
  if ('ended' in result) {
    await writer.append([tabletopInterrupted(step.id, result.partial, result.ended)]);
    o.io.output.write(`\n${o.style.yellow(`tabletop ${result.ended}: answers so far are kept in the journal`)}\n`);
    return result.ended;
  }
  const flags = flagsOf(step, result.answer);
  await writer.append([tabletopAnswered(step.id, result.answer, flags)]);
  answers.set(step.id, result.answer);
  o.io.output.write(formatFlags(flags, step, result.answer.estimate, o.style));
  return undefined;
}

/** Owner, estimate (asked again until it is a duration), notes; the time spent is measured. */
async function discuss(o: TabletopRunOptions, { prompter, step }: StepTurn): Promise<Discussed> {
  const started = o.journal.clock.now().getTime();
  const ended = (partial: { owner?: string | null; estimate?: string }): Discussed => ({ ended: prompter.ended ?? 'input ended', partial });
  const owner = await askUntilValid(prompter, ownerPrompt(o.participants), (text) => parseOwner(text, o.participants), o.io.output);
  if (owner === undefined) return ended({});
  const estimate = await askUntilValid(prompter, estimatePrompt(step.budget), parseEstimate, o.io.output);
  if (estimate === undefined) return ended({ owner });
  const notes = await prompter.ask('notes (empty: none)> ');
  if (notes === undefined) return ended({ owner, estimate: estimate.toString() });
  return { answer: { owner, estimate, notes: notes.trim(), discussedMs: Math.max(0, o.journal.clock.now().getTime() - started) } };
}

/** Asks until the answer parses, saying what is wrong each time; undefined when the input ends. */
async function askUntilValid<T>(prompter: LinePrompter, prompt: string, parse: (text: string) => { ok: true; value: T } | { ok: false; message: string }, output: Writable): Promise<T | undefined> {
  for (;;) {
    const text = await prompter.ask(prompt);
    if (text === undefined) return undefined;
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    output.write(`  ${parsed.message}\n`);
  }
}
