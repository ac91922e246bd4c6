import { Gauge, Registry } from 'prom-client';
import type { PlanPosture } from '../../core/posture/assess-plans.js';

/**
 * Lifeboat's posture as Prometheus gauges (`lifeboat_` prefix, seconds). Each update replaces every
 * series, so namespaces, schedules and plans that went away stop being exported.
 */
export class PostureMetrics {
  readonly registry = new Registry();
  private readonly rpo = this.gauge('lifeboat_rpo_achieved_seconds', 'Age of the newest valid restore source per protected namespace (absent when there is none).', ['plan', 'namespace']);
  private readonly breached = this.gauge('lifeboat_objective_breached', '1 when the objective (rpo, rto) does not hold right now, else 0.', ['plan', 'objective']);
  private readonly uncovered = this.gauge('lifeboat_uncovered_namespaces', 'Namespaces in the primary that no Velero schedule backs up.', ['plan']);
  private readonly lastBackup = this.gauge('lifeboat_last_backup_timestamp_seconds', 'Unix time of the last backup each schedule started.', ['plan', 'schedule']);
  private readonly lastDrill = this.gauge('lifeboat_last_drill_timestamp_seconds', 'Unix time of the last successful drill per kind.', ['plan', 'kind']);
  private readonly predictedRto = this.gauge('lifeboat_predicted_rto_seconds', 'Predicted RTO: measured by the last failover drill, else from the phase budgets.', ['plan']);
  private readonly findings = this.gauge('lifeboat_findings', 'Posture findings by severity.', ['plan', 'severity']);
  private readonly lastEvaluation = this.gauge('lifeboat_posture_last_evaluation_timestamp_seconds', 'Unix time posture was last evaluated.', []);

  update(results: readonly PlanPosture[], at: Date): void {
    for (const g of [this.rpo, this.breached, this.uncovered, this.lastBackup, this.lastDrill, this.predictedRto, this.findings]) g.reset();
    for (const r of results) this.record(r);
    this.lastEvaluation.set(Math.floor(at.getTime() / 1000));
  }

  private record({ plan, summary, findings }: PlanPosture): void {
    for (const [namespace, seconds] of Object.entries(summary.rpoAchievedSeconds)) if (seconds !== null) this.rpo.set({ plan, namespace }, seconds);
    this.breached.set({ plan, objective: 'rpo' }, summary.objectives.rpo === 'breached' ? 1 : 0);
    this.breached.set({ plan, objective: 'rto' }, summary.objectives.rto === 'breached' ? 1 : 0);
    this.uncovered.set({ plan }, summary.uncoveredNamespaces);
    for (const [schedule, ts] of Object.entries(summary.lastBackupTimestamp)) this.lastBackup.set({ plan, schedule }, ts);
    for (const [kind, ts] of Object.entries(summary.lastDrillTimestamp)) this.lastDrill.set({ plan, kind }, ts);
    this.predictedRto.set({ plan }, summary.predictedRtoSeconds);
    for (const severity of ['error', 'warning', 'info'] as const) this.findings.set({ plan, severity }, findings.filter((f) => f.severity === severity).length);
  }

  private gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
