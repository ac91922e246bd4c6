import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailoverReport } from '../wiring/run-failover.js';

/** Writes a run's JSON report (outcome, measurement, the whole hash-chained journal) under the state dir. */
export function writeRunReport(stateDir: string, report: FailoverReport, extra: Record<string, unknown> = {}): string {
  const dir = join(stateDir, 'reports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.runId}.json`);
  const o = report.outcome;
  const body = {
    runId: report.runId,
    result: report.result,
    rtoSeconds: o.rto?.toSeconds() ?? null,
    rpoSeconds: o.rpo?.toSeconds() ?? null,
    objectives: { rto: o.objectives.rto.toString(), rpo: o.objectives.rpo.toString(), rtoMet: o.objectives.rtoMet ?? null, rpoMet: o.objectives.rpoMet ?? null },
    outageAt: o.outageAt.toISOString(),
    recoveredAt: o.recoveredAt?.toISOString() ?? null,
    restored: o.restored,
    phases: o.measurement.phases.map((p) => ({ phase: p.phase, elapsedSeconds: p.elapsed?.toSeconds() ?? null, budgetSeconds: p.budget.toSeconds(), overBudget: p.overBudget })),
    ...extra,
    journal: report.entries,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
