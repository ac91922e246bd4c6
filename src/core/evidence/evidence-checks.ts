import type { Hasher } from '../ports/hasher.js';
import type { FailoverOutcome } from '../runbook/failover/failover-outcome.js';
import { verifyChain } from '../runbook/hash-chain.js';
import type { JournalEntry } from '../runbook/journal-entry.js';
import type { EvidenceCheck, EvidenceReport } from './evidence-report.js';

/**
 * The checks every report carries, so CI can gate on them (each becomes a JUnit testcase): the run
 * succeeded, its journal's hash chain is intact as read from the store, and, when RTO/RPO were measured
 * (failovers and failover drills), each is within its objective.
 */
export function standardChecks(o: { entries: readonly JournalEntry[]; hasher: Hasher; outcome: EvidenceReport['outcome']; failover?: FailoverOutcome }): EvidenceCheck[] {
  const chain = verifyChain(o.entries, o.hasher);
  const checks: EvidenceCheck[] = [
    { name: 'run succeeded', passed: o.outcome === 'succeeded', detail: `the run ended ${o.outcome}` },
    {
      name: 'journal hash chain intact',
      passed: chain.ok,
      detail: chain.ok ? `${o.entries.length} entries, each hash recomputed and linked` : `broken at #${chain.seq}: ${chain.reason}`,
    },
  ];
  if (o.failover) checks.push(...objectiveChecks(o.failover));
  return checks;
}

function objectiveChecks(f: FailoverOutcome): EvidenceCheck[] {
  const { objectives: obj } = f;
  return [
    {
      name: `RTO within objective (${obj.rto.toString()})`,
      passed: obj.rtoMet === true,
      detail: f.rto ? `measured ${f.rto.toString()} from the outage to traffic verified` : 'not measured: traffic was never verified on the new primary',
    },
    {
      name: `RPO within objective (${obj.rpo.toString()})`,
      passed: obj.rpoMet === true,
      detail: f.rpo ? `measured ${f.rpo.toString()}: outage time minus the start of the oldest restored backup` : 'not measured: no namespace was restored',
    },
  ];
}
