import type { FailoverOutcome } from '../../core/runbook/failover/failover-outcome.js';
import type { RunResult } from '../../core/runbook/run-driver.js';
import { formatTable } from './format-table.js';
import type { Palette } from './palette.js';

/** The end-of-run summary the incident commander reads: outcome, measured RTO/RPO vs targets, phases vs budgets. */
export function formatFailoverSummary(result: RunResult, o: FailoverOutcome, style: Palette): string {
  const verdict = (met: boolean | undefined): string => (met === undefined ? style.yellow('not measured') : met ? style.green('met') : style.red('BREACHED'));
  const lines = [
    '',
    `run ${result.runId}: ${result.outcome === 'succeeded' ? style.green('SUCCEEDED') : style.red(result.outcome.toUpperCase())}`,
    ...(result.failure ? [style.red(`failed at step ${result.failure.step}; next: ${result.failure.nextAction}`)] : []),
    ...(result.abort ? [style.red(`aborted by ${result.abort.actor}: ${result.abort.reason}`)] : []),
    `measured RTO: ${o.rto?.toString() ?? 'n/a'} (target ${o.objectives.rto.toString()}, ${verdict(o.objectives.rtoMet)})`,
    `measured RPO: ${o.rpo?.toString() ?? 'n/a'} (target ${o.objectives.rpo.toString()}, ${verdict(o.objectives.rpoMet)})`,
    `outage at ${o.outageAt.toISOString()}, traffic verified at ${o.recoveredAt?.toISOString() ?? 'n/a'}`,
    '',
    formatTable(['PHASE', 'ELAPSED', 'BUDGET', ''], o.measurement.phases.map((p) => [p.phase, p.elapsed?.toString() ?? '-', p.budget.toString(), p.overBudget ? style.red('over budget') : ''])),
    '',
    formatTable(['NAMESPACE', 'RESTORED FROM BACKUP', 'BACKUP STARTED'], o.restored.map((r) => [r.namespace, r.backup, r.backupStartedAt.toISOString()])),
  ];
  return `${lines.join('\n')}\n`;
}
