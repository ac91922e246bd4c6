import { evidenceFromRun } from '../core/evidence/evidence-from-run.js';
import type { EvidenceKind, EvidenceReport } from '../core/evidence/evidence-report.js';
import { stepOutputsTable } from '../core/evidence/step-outputs-table.js';
import { InputError, NotFoundError } from '../core/errors.js';
import type { DRPlan } from '../core/plan/schema.js';
import { failoverOutcome } from '../core/runbook/failover/failover-outcome.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import { fromRunbookJson } from '../core/runbook/runbook-json.js';
import type { RunbookNode } from '../core/runbook/runbook.js';
import { evidenceSecrets } from './evidence-secrets.js';
import { openJournal, type JournalWiring } from './journal.js';

export interface RunEvidenceRequest {
  runId: string;
  plan: DRPlan;
  /** The plan file's text: its hash must be the one the run started with. */
  planText: string;
  /** Default: from the run (failback runbook, `drill-` or `tabletop-` run ids, else failover). */
  kind?: EvidenceKind;
  /** When the outage began, if known; else the confirmation of the outage (failovers). */
  outageAt?: Date;
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  journal?: JournalWiring;
}

/**
 * The evidence report of a run already in the journal store, so every real failover and failback
 * (not only drills) leaves evidence: RTO/RPO from `failoverOutcome`, tabletop answers as a table, and
 * every secret the plan references removed.
 *
 * @example await writeEvidenceBundle(await runEvidence({ runId, plan, planText }), 'evidence/' + runId)
 */
export async function runEvidence(request: RunEvidenceRequest): Promise<EvidenceReport> {
  const journal = request.journal ?? openJournal(request.env);
  const entries = await journal.store.read(request.runId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`run ${request.runId} has no journal in ${journal.stateDir}`) : error;
  });
  const started = entries[0];
  if (started?.kind !== 'run-started') throw new NotFoundError(`run ${request.runId} has no run-started entry`);
  if (started.planHash !== journal.hasher.sha256Hex(request.planText)) {
    throw new InputError([{ path: '--plan', message: `this plan file is not the one run ${request.runId} started with (plan hash differs)` }]);
  }
  const runbook = fromRunbookJson(started.runbook);
  const kind = request.kind ?? kindOfRun(request.runId, runbook);
  const measured = kind === 'failover' || kind === 'failback' || kind === 'failover-drill';
  return evidenceFromRun({
    kind, plan: request.plan, entries, hasher: journal.hasher, runbook,
    outcome: measured ? failoverOutcome(request.plan, runbook, entries, { outageAt: request.outageAt }) : undefined,
    tables: kind === 'tabletop' ? [stepOutputsTable(entries, 'Tabletop answers')] : [],
    notes: notesFor(kind, entries, request.outageAt),
    secrets: evidenceSecrets(request.plan, { env: request.env, kubeconfig: request.kubeconfig }),
  });
}

/** failback for the failback runbook; failover-drill and tabletop by their run-id prefixes; else failover. */
export function kindOfRun(runId: string, runbook: RunbookNode): EvidenceKind {
  if (runbook.id === 'failback') return 'failback';
  if (runId.startsWith('drill-')) return 'failover-drill';
  if (runId.startsWith('tabletop-')) return 'tabletop';
  return 'failover';
}

function notesFor(kind: EvidenceKind, entries: readonly JournalEntry[], outageAt: Date | undefined): string[] {
  if (kind === 'failback') return ['For a failback, RTO and RPO are measured from the start of the run (there is no outage).'];
  if (kind === 'tabletop' || kind === 'component-drill' || outageAt) return [];
  const confirmed = entries.some((e) => e.kind === 'step-succeeded' && e.step === 'confirm-outage');
  return [confirmed ? 'The outage time is when the outage was confirmed: the real outage began earlier, so the true RTO is longer by the detection time (and the true RPO shorter by it).' : 'No outage confirmation was recorded: RTO and RPO are measured from the start of the run.'];
}
