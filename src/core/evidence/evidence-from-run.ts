import { InputError } from '../errors.js';
import type { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { Hasher } from '../ports/hasher.js';
import type { FailoverOutcome } from '../runbook/failover/failover-outcome.js';
import { terminalEntryOf, type EntryOf, type JournalEntry } from '../runbook/journal-entry.js';
import { measure } from '../runbook/measure.js';
import { fromRunbookJson } from '../runbook/runbook-json.js';
import type { RunbookNode } from '../runbook/runbook.js';
import { standardChecks } from './evidence-checks.js';
import { failureOf, runOutcomeOf } from './evidence-failure.js';
import { evidencePhases } from './evidence-phases.js';
import { EVIDENCE_SCHEMA, type EvidenceBackup, type EvidenceCheck, type EvidenceCluster, type EvidenceKind, type EvidenceReport, type EvidenceTable } from './evidence-report.js';
import { measuredOf } from './measured.js';
import { scrubDeep, scrubJournal } from './scrub-journal.js';

export interface EvidenceInput {
  kind: EvidenceKind;
  plan: DRPlan;
  /** The run's whole journal, from its run-started entry. */
  entries: readonly JournalEntry[];
  hasher: Hasher;
  /** Default: the runbook stored in the run-started entry. */
  runbook?: RunbookNode;
  /** RTO/RPO and restored backups (`failoverOutcome`), for failovers, failbacks and failover drills. */
  outcome?: FailoverOutcome;
  title?: string;
  /** Outage to confirmed outage, when the caller knows it better than the journal does. */
  detection?: Duration;
  /** Default: the backups the outcome restored from. */
  backups?: EvidenceBackup[];
  clusters?: EvidenceCluster[];
  /** Kind-specific checks, listed after the standard ones. */
  checks?: EvidenceCheck[];
  tables?: EvidenceTable[];
  notes?: string[];
  /** Secret values the run may have touched: removed from every string of the report. */
  secrets?: readonly string[];
}

const kindTitles: Record<EvidenceKind, string> = {
  'failover-drill': 'Failover drill', 'component-drill': 'Component drill', tabletop: 'Tabletop exercise', failover: 'Failover', failback: 'Failback',
};

/**
 * Builds the evidence report of a run from its journal: phases from `measure`, approvals from
 * gate-approved entries, the failure from run-failed, standard checks (run outcome, hash chain, RTO/RPO),
 * then every string passed through redaction. Journal entries a secret was removed from are re-linked
 * (see `scrubJournal`) and listed in `journalRedaction`.
 *
 * @example evidenceFromRun({ kind: 'failover-drill', plan, entries, hasher, outcome: failoverOutcome(plan, runbook, entries) })
 */
export function evidenceFromRun(input: EvidenceInput): EvidenceReport {
  const started = runStartedOf(input.entries);
  const outcome = runOutcomeOf(input.entries);
  const failure = failureOf(input.entries);
  const report: EvidenceReport = {
    schema: EVIDENCE_SCHEMA,
    kind: input.kind,
    title: input.title ?? `${kindTitles[input.kind]} of plan ${input.plan.metadata.name}`,
    plan: { name: input.plan.metadata.name, hash: started.planHash },
    runId: started.runId,
    startedAt: started.at,
    finishedAt: (terminalEntryOf(input.entries) ?? input.entries.at(-1) ?? started).at,
    outcome,
    failure,
    objectives: { rto: input.plan.spec.objectives.rto.toString(), rpo: input.plan.spec.objectives.rpo.toString() },
    measured: measuredOf(input.entries, input.outcome, input.detection),
    phases: phasesOf(input, started, outcome, failure?.step),
    backups: input.backups ?? restoredBackups(input.outcome),
    approvals: approvalsOf(input.entries),
    checks: [...standardChecks({ entries: input.entries, hasher: input.hasher, outcome, failover: input.outcome }), ...(input.checks ?? [])],
    ...givenSections(input),
    journal: [],
  };
  return withJournal(scrubDeep(report, input.secrets ?? []), input);
}

function givenSections(input: EvidenceInput): Pick<EvidenceReport, 'clusters' | 'tables' | 'notes'> {
  return { clusters: input.clusters ?? [], tables: input.tables ?? [], notes: input.notes ?? [] };
}

function phasesOf(input: EvidenceInput, started: EntryOf<'run-started'>, outcome: EvidenceReport['outcome'], failedStep: string | undefined): EvidenceReport['phases'] {
  const runbook = input.runbook ?? fromRunbookJson(started.runbook);
  const measurement = input.outcome?.measurement ?? measure(runbook, input.entries);
  return evidencePhases({ runbook, entries: input.entries, measurement, outcome, failedStep });
}

function restoredBackups(outcome: FailoverOutcome | undefined): EvidenceBackup[] {
  return (outcome?.restored ?? []).map((r) => ({ namespace: r.namespace, name: r.backup, startedAt: r.backupStartedAt.toISOString() }));
}

function approvalsOf(entries: readonly JournalEntry[]): EvidenceReport['approvals'] {
  return entries.filter((e): e is EntryOf<'gate-approved'> => e.kind === 'gate-approved').map((e) => ({ gate: e.gate, approver: e.approver, at: e.at }));
}

function runStartedOf(entries: readonly JournalEntry[]): EntryOf<'run-started'> {
  const first = entries[0];
  if (first?.kind !== 'run-started') throw new InputError([{ path: 'entries', message: 'a run\'s journal must begin with its run-started entry' }]);
  return first;
}

function withJournal(report: EvidenceReport, input: EvidenceInput): EvidenceReport {
  const { entries, redactedSeqs } = scrubJournal(input.entries, input.secrets ?? [], input.hasher);
  if (redactedSeqs.length === 0) return { ...report, journal: entries };
  const sourceHead = input.entries.at(-1)?.hash ?? '';
  const note = `Secrets were removed from journal entries ${redactedSeqs.map((s) => `#${s}`).join(', ')}; the published chain is re-linked from #${redactedSeqs[0]} on (the store's head is ${sourceHead}).`;
  return { ...report, notes: [...report.notes, note], journalRedaction: { seqs: redactedSeqs, sourceHead }, journal: entries };
}
