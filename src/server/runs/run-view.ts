import type { Hasher } from '../../core/ports/hasher.js';
import type { RunSummary } from '../../core/ports/journal-store.js';
import { failoverOutcome } from '../../core/runbook/failover/failover-outcome.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { verifyChain } from '../../core/runbook/hash-chain.js';
import type { JournalEntry } from '../../core/runbook/journal-entry.js';
import { foldJournal } from '../../core/runbook/journal-state.js';
import { measure } from '../../core/runbook/measure.js';
import { fromRunbookJson } from '../../core/runbook/runbook-json.js';
import { nodesOf, type GateNode, type RunbookNode } from '../../core/runbook/runbook.js';
import type { LoadedPlan } from '../plans/plan-catalog.js';

/** A run in GET /v1/runs. */
export function runListItem(r: RunSummary, inFlight: ReadonlySet<string>): { runId: string; plan: string; startedAt: string; lastSeq: number; state: string; drivenHere: boolean } {
  return { runId: r.runId, plan: r.plan, startedAt: r.startedAt.toISOString(), lastSeq: r.lastSeq, state: r.ended ?? 'unfinished', drivenHere: inFlight.has(r.runId) };
}

const seconds = (d: { toSeconds(): number } | undefined): number | null => (d ? d.toSeconds() : null);

/**
 * GET /v1/runs/{run}: the journal (each entry with its formatted line), whether its hash chain holds,
 * the gates (who approved, who may still), per-step budget vs elapsed, and for failovers and failbacks
 * of a loaded plan the measured RTO/RPO against the objectives.
 */
export function runDetail(entries: readonly JournalEntry[], hasher: Hasher, plan: LoadedPlan | undefined): Record<string, unknown> {
  const state = foldJournal(entries);
  const started = state.started;
  const head = { state: state.terminal?.kind ?? 'unfinished', chain: verifyChain(entries, hasher), entries: entries.map((e) => ({ ...e, text: formatEntry(e) })) };
  if (!started) return { ...head, runId: '', plan: '', startedBy: null, gates: [], steps: [], totalSeconds: null, totalBudgetSeconds: null, outcome: null };
  const runbook = fromRunbookJson(started.runbook);
  const measurement = measure(runbook, entries);
  return {
    ...head,
    runId: started.runId, plan: started.plan, startedBy: started.actor,
    gates: gatesOf(runbook, state),
    steps: measurement.nodes.map((n) => ({ id: n.id, kind: n.kind, phase: n.phase, budgetSeconds: n.budget.toSeconds(), elapsedSeconds: seconds(n.elapsed), attempts: n.attempts, overBudget: n.overBudget })),
    totalSeconds: measurement.total.toSeconds(),
    totalBudgetSeconds: measurement.totalBudget.toSeconds(),
    outcome: plan && isFailoverRunbook(runbook) ? outcomeOf(plan, runbook, entries) : null,
  };
}

function isFailoverRunbook(runbook: RunbookNode): boolean {
  return runbook.id === 'failover' || runbook.id === 'failback';
}

/** The measured outcome; a journal whose step outputs cannot be measured says why instead of failing the request. */
function outcomeOf(plan: LoadedPlan, runbook: RunbookNode, entries: readonly JournalEntry[]): Record<string, unknown> {
  try {
    return measuredOutcome(plan, runbook, entries);
  } catch (error) {
    return { unavailable: `the outcome cannot be measured from this journal: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function measuredOutcome(plan: LoadedPlan, runbook: RunbookNode, entries: readonly JournalEntry[]): Record<string, unknown> {
  const o = failoverOutcome(plan.plan, runbook, entries);
  return {
    outageAt: o.outageAt.toISOString(), recoveredAt: o.recoveredAt?.toISOString() ?? null,
    rtoSeconds: seconds(o.rto), rpoSeconds: seconds(o.rpo),
    objectives: { rtoSeconds: o.objectives.rto.toSeconds(), rpoSeconds: o.objectives.rpo.toSeconds(), rtoMet: o.objectives.rtoMet ?? null, rpoMet: o.objectives.rpoMet ?? null },
    restored: o.restored.map((r) => ({ namespace: r.namespace, backup: r.backup, backupStartedAt: r.backupStartedAt.toISOString() })),
  };
}

function gatesOf(runbook: RunbookNode, state: ReturnType<typeof foldJournal>): Array<Record<string, unknown>> {
  return nodesOf(runbook).filter((n): n is GateNode => n.kind === 'gate').map((g) => {
    const record = state.gates.get(g.id);
    const approvers = [...(record?.approvers ?? [])];
    return {
      gate: g.id, title: g.title, approvals: g.approvals, approvers,
      waiting: Boolean(record?.announced) && !record?.rejected && approvers.length < g.approvals && !state.terminal,
      rejected: record?.rejected ? { approver: record.rejected.approver, reason: record.rejected.reason } : null,
    };
  });
}
