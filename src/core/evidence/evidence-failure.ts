import { terminalEntryOf, type JournalEntry } from '../runbook/journal-entry.js';
import type { EvidenceReport } from './evidence-report.js';

type Failure = NonNullable<EvidenceReport['failure']>;

/** How the run ended, by its terminal entry; a run without one is reported as failed. */
export function runOutcomeOf(entries: readonly JournalEntry[]): EvidenceReport['outcome'] {
  const end = terminalEntryOf(entries);
  if (end?.kind === 'run-succeeded') return 'succeeded';
  return end?.kind === 'run-aborted' ? 'aborted' : 'failed';
}

/**
 * Why the run did not succeed, for the report's failure box: the failing step, the last error
 * recorded for it (or the gate's rejection), and the next action the engine named.
 */
export function failureOf(entries: readonly JournalEntry[]): Failure | undefined {
  const end = terminalEntryOf(entries);
  switch (end?.kind) {
    case 'run-succeeded':
      return undefined;
    case 'run-failed':
      return { step: end.step, reason: lastErrorOf(entries, end.step) ?? 'failed (no error recorded)', nextAction: end.nextAction };
    case 'run-aborted':
      return { step: lastSubjectOf(entries) ?? 'run', reason: `aborted by ${end.actor}: ${end.reason}`, nextAction: 'review the journal, then start a new run when ready' };
    default:
      return unfinished(entries);
  }
}

function unfinished(entries: readonly JournalEntry[]): Failure {
  const runId = entries[0]?.kind === 'run-started' ? entries[0].runId : 'RUN';
  return {
    step: lastSubjectOf(entries) ?? 'run',
    reason: 'the run has not ended: it is still running, or its process died',
    nextAction: `lifeboat run resume ${runId} --plan PLAN_FILE`,
  };
}

function lastErrorOf(entries: readonly JournalEntry[], step: string): string | undefined {
  for (const e of [...entries].reverse()) {
    if (e.kind === 'step-failed' && e.step === step) return e.error;
    if (e.kind === 'step-timed-out' && e.step === step) return `ran past its budget of ${e.budgetMs}ms (attempt ${e.attempt})`;
    if (e.kind === 'gate-rejected' && e.gate === step) return `rejected by ${e.approver}: ${e.reason}`;
  }
  return undefined;
}

/** The step or gate the run was last busy with. */
function lastSubjectOf(entries: readonly JournalEntry[]): string | undefined {
  for (const e of [...entries].reverse()) {
    if (e.kind === 'step-started') return e.step;
    if (e.kind === 'gate-waiting') return e.gate;
  }
  return undefined;
}
