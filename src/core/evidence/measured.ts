import { Duration } from '../objectives/duration.js';
import type { FailoverOutcome } from '../runbook/failover/failover-outcome.js';
import type { JournalEntry } from '../runbook/journal-entry.js';
import type { EvidenceReport } from './evidence-report.js';

/**
 * The measured figures of a report: RTO/RPO from the failover outcome, and detection (outage to
 * confirmed outage) when given or when the confirm-outage step recorded a confirmation after the outage.
 */
export function measuredOf(entries: readonly JournalEntry[], outcome: FailoverOutcome | undefined, detection: Duration | undefined): EvidenceReport['measured'] {
  if (!outcome) return { detection: detection?.toString() };
  return {
    outageAt: outcome.outageAt.toISOString(),
    recoveredAt: outcome.recoveredAt?.toISOString(),
    detection: (detection ?? detectionOf(entries, outcome.outageAt))?.toString(),
    rto: outcome.rto?.toString(),
    rpo: outcome.rpo?.toString(),
    rtoMet: outcome.objectives.rtoMet,
    rpoMet: outcome.objectives.rpoMet,
  };
}

function detectionOf(entries: readonly JournalEntry[], outageAt: Date): Duration | undefined {
  const confirmed = entries.find((e) => e.kind === 'step-succeeded' && e.step === 'confirm-outage');
  const at = confirmed?.kind === 'step-succeeded' ? (confirmed.output as { confirmedAt?: unknown } | null)?.confirmedAt : undefined;
  if (typeof at !== 'string') return undefined;
  const ms = Date.parse(at) - outageAt.getTime();
  return Number.isFinite(ms) && ms > 0 ? Duration.milliseconds(ms) : undefined;
}
