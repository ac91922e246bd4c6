import { Duration } from '../objectives/duration.js';
import type { JournalEntry } from './journal-entry.js';
import { nodesOf, type RunbookNode } from './runbook.js';

/** Elapsed vs budget of one step or gate: from its first start (or gate-waiting) to its last end. */
export interface NodeMeasurement {
  id: string;
  kind: 'step' | 'gate';
  phase: string;
  budget: Duration;
  /** Undefined when it never started. */
  elapsed: Duration | undefined;
  attempts: number;
  overBudget: boolean;
}

/** Wall-clock span of a phase (parallel work counted once) vs its critical-path budget. */
export interface PhaseMeasurement {
  phase: string;
  budget: Duration;
  elapsed: Duration | undefined;
  overBudget: boolean;
}

export interface RunMeasurement {
  /** From run-started to the terminal entry (or the last entry while the run is unfinished). */
  total: Duration;
  /** Budget along the critical path: sequences add up, parallel blocks take their longest child. */
  totalBudget: Duration;
  nodes: NodeMeasurement[];
  phases: PhaseMeasurement[];
  /** Ids of the steps and gates that took longer than their budget. */
  overBudget: string[];
}

/**
 * Measures a run from its journal: the raw material of the measured RTO in reports.
 *
 * @example measure(runbook, entries).phases.find((p) => p.phase === 'restore')?.elapsed
 */
export function measure(runbook: RunbookNode, entries: readonly JournalEntry[]): RunMeasurement {
  const spans = spansOf(entries);
  const nodes: NodeMeasurement[] = nodesOf(runbook).flatMap((node) => {
    if (node.kind !== 'step' && node.kind !== 'gate') return [];
    const span = spans.get(node.id);
    const elapsed = span && span.end !== undefined ? Duration.milliseconds(span.end - span.start) : undefined;
    const overBudget = elapsed !== undefined && elapsed.isLongerThan(node.budget);
    return [{ id: node.id, kind: node.kind, phase: node.phase, budget: node.budget, elapsed, attempts: span?.attempts ?? 0, overBudget }];
  });
  const phases = [...new Set(nodes.map((n) => n.phase))].map((phase) => phaseOf(phase, runbook, spans));
  return {
    total: totalOf(entries),
    totalBudget: criticalBudget(runbook, () => true),
    nodes,
    phases,
    overBudget: nodes.filter((n) => n.overBudget).map((n) => n.id),
  };
}

interface Span {
  start: number;
  end: number | undefined;
  attempts: number;
}

const startKinds = new Set(['step-started', 'gate-waiting']);
const endKinds = new Set(['step-succeeded', 'step-failed', 'step-timed-out', 'gate-approved', 'gate-rejected']);

function spansOf(entries: readonly JournalEntry[]): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const e of entries) {
    const id = subjectOf(e);
    if (id === undefined || !(startKinds.has(e.kind) || endKinds.has(e.kind))) continue;
    const at = Date.parse(e.at);
    const span = spans.get(id) ?? { start: at, end: undefined, attempts: 0 };
    if (e.kind === 'step-started') span.attempts += 1;
    if (endKinds.has(e.kind)) span.end = at;
    spans.set(id, span);
  }
  return spans;
}

/** The step or gate an entry is about. */
function subjectOf(e: JournalEntry): string | undefined {
  if ('step' in e) return e.step;
  return 'gate' in e ? e.gate : undefined;
}

function phaseOf(phase: string, runbook: RunbookNode, spans: Map<string, Span>): PhaseMeasurement {
  const inPhase = nodesOf(runbook).filter((n) => (n.kind === 'step' || n.kind === 'gate') && n.phase === phase);
  const own = inPhase.map((n) => spans.get(n.id)).filter((s): s is Span => s !== undefined);
  const ends = own.map((s) => s.end).filter((e): e is number => e !== undefined);
  const finished = own.length > 0 && ends.length === own.length;
  const elapsed = finished ? Duration.milliseconds(Math.max(...ends) - Math.min(...own.map((s) => s.start))) : undefined;
  const budget = criticalBudget(runbook, (p) => p === phase);
  return { phase, budget, elapsed, overBudget: elapsed !== undefined && elapsed.isLongerThan(budget) };
}

/** Budget along the critical path, counting only steps and gates whose phase passes `counts`. */
function criticalBudget(node: RunbookNode, counts: (phase: string) => boolean): Duration {
  switch (node.kind) {
    case 'step':
    case 'gate':
      return counts(node.phase) ? node.budget : Duration.zero;
    case 'sequence':
      return Duration.sum(node.children.map((c) => criticalBudget(c, counts)));
    case 'parallel':
      return Duration.max(...node.children.map((c) => criticalBudget(c, counts)));
  }
}

function totalOf(entries: readonly JournalEntry[]): Duration {
  const first = entries[0];
  const last = entries.at(-1);
  return first && last ? Duration.milliseconds(Date.parse(last.at) - Date.parse(first.at)) : Duration.zero;
}
