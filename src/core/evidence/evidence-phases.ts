import type { JournalEntry } from '../runbook/journal-entry.js';
import type { PhaseMeasurement, RunMeasurement } from '../runbook/measure.js';
import { nodesOf, type RunbookNode } from '../runbook/runbook.js';
import type { EvidencePhase, PhaseStatus } from './evidence-report.js';

type RunOutcome = 'succeeded' | 'failed' | 'aborted';

/**
 * The phases of a run for its report, in runbook order: elapsed vs critical-path budget from
 * `measure`, when the phase's first step or gate started, and a status: `failed` for the phase of the
 * failing step (or one left unfinished when the run ended), `not-run` for phases the run never reached
 * or left partly done, `skipped` for phases a successful run did not need.
 */
export function evidencePhases(options: { runbook: RunbookNode; entries: readonly JournalEntry[]; measurement: RunMeasurement; outcome: RunOutcome; failedStep?: string }): EvidencePhase[] {
  const phaseOfNode = phaseByNode(options.runbook);
  const starts = firstStarts(options.entries, phaseOfNode);
  const partial = partlyRunPhases(options.entries, phaseOfNode);
  const failedPhase = options.failedStep === undefined ? undefined : phaseOfNode.get(options.failedStep);
  return options.measurement.phases.map((p) => {
    const startedAt = starts.get(p.phase);
    const status = statusOf(p, { started: startedAt !== undefined, partial: partial.has(p.phase), failed: p.phase === failedPhase, outcome: options.outcome });
    return { name: p.phase, budget: p.budget.toString(), elapsed: p.elapsed?.toString(), startedAt, status };
  });
}

function statusOf(p: PhaseMeasurement, o: { started: boolean; partial: boolean; failed: boolean; outcome: RunOutcome }): PhaseStatus {
  if (o.failed) return 'failed';
  if (!o.started) return o.outcome === 'succeeded' ? 'skipped' : 'not-run';
  if (p.elapsed === undefined) return o.outcome === 'succeeded' ? 'ok' : 'failed';
  if (o.partial && o.outcome !== 'succeeded') return 'not-run';
  return p.overBudget ? 'over-budget' : 'ok';
}

function phaseByNode(runbook: RunbookNode): Map<string, string> {
  const map = new Map<string, string>();
  for (const node of nodesOf(runbook)) if (node.kind === 'step' || node.kind === 'gate') map.set(node.id, node.phase);
  return map;
}

/** When each phase's first step started or first gate began waiting. */
function firstStarts(entries: readonly JournalEntry[], phaseOfNode: Map<string, string>): Map<string, string> {
  const starts = new Map<string, string>();
  for (const e of entries) {
    const node = e.kind === 'step-started' ? e.step : e.kind === 'gate-waiting' ? e.gate : undefined;
    const phase = node === undefined ? undefined : phaseOfNode.get(node);
    if (phase !== undefined && !starts.has(phase)) starts.set(phase, e.at);
  }
  return starts;
}

/** Phases some of whose steps and gates started while others never did. */
function partlyRunPhases(entries: readonly JournalEntry[], phaseOfNode: Map<string, string>): Set<string> {
  const started = new Set(entries.flatMap((e) => (e.kind === 'step-started' ? [e.step] : e.kind === 'gate-waiting' ? [e.gate] : [])));
  const partial = new Set<string>();
  const phases = new Set(phaseOfNode.values());
  for (const phase of phases) {
    const nodes = [...phaseOfNode].filter(([, p]) => p === phase).map(([id]) => id);
    const count = nodes.filter((id) => started.has(id)).length;
    if (count > 0 && count < nodes.length) partial.add(phase);
  }
  return partial;
}
