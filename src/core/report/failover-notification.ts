import { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { NotificationEvent, NotificationMessage, NotificationSeverity } from '../ports/notifier.js';
import type { Json } from '../runbook/json.js';
import { failoverRegions } from '../runbook/failover/failover-runbook.js';

/** What the failover executor hands its `notify` port: the run and the outputs of the steps so far. */
export interface FailoverSummary {
  runId: string;
  outputs: Readonly<Record<string, Json>>;
}

/** The figures a notification can state honestly from the step outputs (undefined = not measured). */
export interface MeasuredRecovery {
  confirmedAt?: Date;
  verifiedAt?: Date;
  /** Outage confirmed -> traffic verified through the new primary's ingress. */
  rto?: Duration;
  /** Outage confirmed -> start of the oldest backup restored (Velero reads the cluster from its start). */
  rpo?: Duration;
  restored: string[];
  trafficTo: string[];
  /** The old primary could not be reached to fence it: owed when it returns. */
  fenceOwed: boolean;
}

const SEVERITY: Record<NotificationEvent, NotificationSeverity> = {
  'failover-started': 'critical', 'approval-needed': 'critical', 'failover-failed': 'critical',
  'failover-complete': 'info', 'drill-complete': 'info', 'posture-breach': 'warning',
};

const HEADLINE: Record<NotificationEvent, string> = {
  'failover-started': 'started', 'approval-needed': 'needs approval', 'failover-failed': 'failed',
  'failover-complete': 'complete', 'drill-complete': 'drill complete', 'posture-breach': 'posture breach',
};

/**
 * The message every channel sends for a failover event, with the RTO and RPO measured from the step
 * outputs. Both are measured from when Lifeboat confirmed the outage, which is later than the outage
 * began: the RTO does not include detection time, and the RPO slightly overstates the data at risk.
 *
 * @example failoverNotification(plan, 'failover-complete', { runId, outputs }).title
 * // "Failover of shop complete: RTO 4m12s, RPO 38m"
 */
export function failoverNotification(plan: DRPlan, event: NotificationEvent, summary: FailoverSummary): NotificationMessage {
  const m = measureRecovery(summary.outputs);
  const { from, to } = failoverRegions(plan);
  const { rto: rtoTarget, rpo: rpoTarget } = plan.spec.objectives;
  const complete = event === 'failover-complete';
  const fields: Record<string, string> = {
    Plan: plan.metadata.name,
    Run: summary.runId,
    Regions: `${from.name} -> ${to.name}`,
    RTO: figure(m.rto, rtoTarget, 'traffic not verified yet'),
    RPO: figure(m.rpo, rpoTarget, m.restored.length === 0 ? 'no namespace restored' : 'outage time unknown'),
  };
  if (m.trafficTo.length > 0) fields.Traffic = `${plan.spec.traffic.record} -> ${m.trafficTo.join(', ')}`;
  if (m.restored.length > 0) fields.Restored = m.restored.join(', ');
  return {
    event,
    title: `Failover of ${plan.metadata.name} ${HEADLINE[event]}${complete ? headlineFigures(m) : ''}`,
    text: describe(event, m, { from: from.name, to: to.name }),
    fields,
    severity: complete && missesObjectives(m, plan) ? 'warning' : SEVERITY[event],
    key: summary.runId,
  };
}

/** Reads the confirm-outage, restore-*, switch-traffic and verify-traffic outputs. */
export function measureRecovery(outputs: Readonly<Record<string, Json>>): MeasuredRecovery {
  const confirmedAt = dateIn(outputs['confirm-outage'], 'confirmedAt');
  const verifiedAt = dateIn(outputs['verify-traffic'], 'verifiedAt');
  const restores = Object.entries(outputs).filter(([id]) => id.startsWith('restore-')).map(([, o]) => o);
  const backupStarts = restores.map((o) => dateIn(o, 'backupStartedAt')).filter((d): d is Date => d !== undefined);
  const oldest = backupStarts.reduce<Date | undefined>((a, b) => (!a || b < a ? b : a), undefined);
  const after = (outputs['switch-traffic'] as { after?: unknown } | undefined)?.after;
  return {
    confirmedAt,
    verifiedAt,
    rto: confirmedAt && verifiedAt ? between(confirmedAt, verifiedAt) : undefined,
    rpo: confirmedAt && oldest ? between(oldest, confirmedAt) : undefined,
    restored: restores.map((o) => stringIn(o, 'namespace') ?? '?'),
    trafficTo: Array.isArray(after) ? after.map(String) : [],
    fenceOwed: (outputs.fence as { owed?: unknown } | undefined)?.owed === true,
  };
}

function describe(event: NotificationEvent, m: MeasuredRecovery, r: { from: string; to: string }): string {
  if (event !== 'failover-complete') return `Failover from ${r.from} to ${r.to}: ${HEADLINE[event]}.`;
  const since = m.confirmedAt ? ` RTO and RPO are measured from when the outage was confirmed (${m.confirmedAt.toISOString()}), so detection time is not included.` : '';
  const fence = m.fenceOwed ? `${r.from} could not be reached to fence it: scale its workloads to 0 when it returns, before failback.` : `${r.from} is fenced until failback.`;
  return `${r.to} now serves the traffic${m.verifiedAt ? ` (verified ${m.verifiedAt.toISOString()})` : ''}. ${fence}${since}`;
}

function headlineFigures(m: MeasuredRecovery): string {
  if (!m.rto && !m.rpo) return '';
  return `: RTO ${m.rto?.toString() ?? 'not measured'}, RPO ${m.rpo?.toString() ?? 'not measured'}`;
}

function missesObjectives(m: MeasuredRecovery, plan: DRPlan): boolean {
  const { rto, rpo } = plan.spec.objectives;
  return (m.rto?.isLongerThan(rto) ?? false) || (m.rpo?.isLongerThan(rpo) ?? false);
}

function figure(value: Duration | undefined, target: Duration, why: string): string {
  if (!value) return `not measured (${why})`;
  return `${value.toString()} (objective ${target.toString()}: ${value.isLongerThan(target) ? 'MISSED' : 'met'})`;
}

function between(a: Date, b: Date): Duration {
  return Duration.milliseconds(Math.max(0, b.getTime() - a.getTime()));
}

function stringIn(output: Json | undefined, key: string): string | undefined {
  const value = (output as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

function dateIn(output: Json | undefined, key: string): Date | undefined {
  const value = stringIn(output, key);
  if (value === undefined) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
