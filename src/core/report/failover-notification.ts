import { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { NotificationEvent, NotificationMessage, NotificationSeverity } from '../ports/notifier.js';
import type { RunNotification } from '../ports/run-notifier.js';
import type { Json } from '../runbook/json.js';
import { failoverRegions } from '../runbook/failover/failover-runbook.js';

/** What a notification is made from: the run, the outputs of its steps so far, the event's facts. */
export type FailoverSummary = RunNotification;

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
  const { from, to } = movedRegions(plan, summary);
  const { rto: rtoTarget, rpo: rpoTarget } = plan.spec.objectives;
  const complete = event === 'failover-complete';
  const fields: Record<string, string> = {
    Plan: plan.metadata.name,
    Run: summary.runId,
    Regions: `${from.name} -> ${to.name}`,
    RTO: figure(m.rto, rtoTarget, 'traffic not verified yet'),
    RPO: figure(m.rpo, rpoTarget, m.restored.length === 0 ? 'no namespace restored' : 'outage time unknown'),
    ...eventFields(summary),
  };
  if (m.trafficTo.length > 0) fields.Traffic = `${plan.spec.traffic.record} -> ${m.trafficTo.join(', ')}`;
  if (m.restored.length > 0) fields.Restored = m.restored.join(', ');
  return {
    event,
    title: `${kindOf(summary)} of ${plan.metadata.name} ${headline(event, summary)}${complete ? headlineFigures(m) : ''}`,
    text: describe(event, m, { from: from.name, to: to.name }, summary),
    fields,
    severity: complete && missesObjectives(m, plan) ? 'warning' : SEVERITY[event],
    key: summary.runId,
  };
}

/** Failover moves from the primary to the standby; failback the other way. */
function movedRegions(plan: DRPlan, summary: FailoverSummary): { from: { name: string }; to: { name: string } } {
  const { from, to } = failoverRegions(plan);
  return summary.runbook === 'failback' ? { from: to, to: from } : { from, to };
}

function kindOf(summary: FailoverSummary): string {
  return summary.runbook === 'failback' ? 'Failback' : 'Failover';
}

function headline(event: NotificationEvent, summary: FailoverSummary): string {
  if (event !== 'failover-failed') return HEADLINE[event];
  if (summary.abort) return `aborted by ${summary.abort.actor}`;
  return summary.failure ? `failed at ${summary.failure.step}` : HEADLINE[event];
}

/** The facts only some events carry: who started it, the gate's approvals, the failure or the abort. */
function eventFields(s: FailoverSummary): Record<string, string> {
  const fields: Record<string, string> = {};
  if (s.startedBy) fields['Started by'] = s.startedBy;
  if (s.gate) fields.Approvals = `${s.gate.approvers.length} of ${s.gate.approvals}${s.gate.approvers.length > 0 ? ` (${s.gate.approvers.join(', ')})` : ''}`;
  if (s.failure) Object.assign(fields, { 'Failed step': s.failure.step, 'Next action': s.failure.nextAction });
  if (s.abort) Object.assign(fields, { 'Aborted by': s.abort.actor, Reason: s.abort.reason });
  return fields;
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

function describe(event: NotificationEvent, m: MeasuredRecovery, r: { from: string; to: string }, s: FailoverSummary): string {
  const what = `${kindOf(s)} from ${r.from} to ${r.to}`;
  if (event === 'failover-started') return startedText(what, s);
  if (event === 'approval-needed' && s.gate) return approvalText(what, s.runId, s.gate);
  if (event === 'failover-failed') return failedText(what, s);
  if (event !== 'failover-complete') return `${what}: ${HEADLINE[event]}.`;
  if (s.runbook === 'failback') return `${r.to} serves the traffic again and ${r.from} is back to standby (run ${s.runId}).`;
  const since = m.confirmedAt ? ` RTO and RPO are measured from when the outage was confirmed (${m.confirmedAt.toISOString()}), so detection time is not included.` : '';
  const fence = m.fenceOwed ? `${r.from} could not be reached to fence it: scale its workloads to 0 when it returns, before failback.` : `${r.from} is fenced until failback.`;
  return `${r.to} now serves the traffic${m.verifiedAt ? ` (verified ${m.verifiedAt.toISOString()})` : ''}. ${fence}${since}`;
}

function startedText(what: string, s: FailoverSummary): string {
  return `${what} started${s.startedBy ? ` by ${s.startedBy}` : ''} (run ${s.runId}). Follow it with: lifeboat run show ${s.runId}`;
}

function approvalText(what: string, runId: string, gate: NonNullable<FailoverSummary['gate']>): string {
  const left = gate.approvals - gate.approvers.length;
  return `${what} waits at "${gate.title}": ${left} more approval${left === 1 ? '' : 's'} needed from distinct approvers. ` +
    `Approve: lifeboat run approve ${runId} --gate ${gate.id} --as NAME; reject: lifeboat run reject ${runId} --gate ${gate.id} --reason TEXT`;
}

function failedText(what: string, s: FailoverSummary): string {
  if (s.abort) return `${what} was aborted by ${s.abort.actor}: ${s.abort.reason}. Compensations the runbook defines were run; see lifeboat run show ${s.runId}`;
  if (s.failure) return `${what} failed at step ${s.failure.step}. Next: ${s.failure.nextAction}`;
  return `${what}: failed.`;
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
