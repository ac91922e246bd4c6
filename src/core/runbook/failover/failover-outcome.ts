import { Duration } from '../../objectives/duration.js';
import type { DRPlan } from '../../plan/schema.js';
import type { JournalEntry } from '../journal-entry.js';
import { measure, type RunMeasurement } from '../measure.js';
import type { RunbookNode } from '../runbook.js';

export interface RestoredNamespace {
  namespace: string;
  backup: string;
  /** The restored state is the cluster as of this instant (Velero reads the cluster from its start). */
  backupStartedAt: Date;
}

/** What a failover achieved, measured from its journal: the figures the incident commander reports. */
export interface FailoverOutcome {
  /** When the outage began: injected (drills) or first confirmed (real failovers). */
  outageAt: Date;
  /** When traffic was verified flowing to the new primary. */
  recoveredAt: Date | undefined;
  rto: Duration | undefined;
  /** Worst namespace: outage time minus the start of the backup it was restored from. */
  rpo: Duration | undefined;
  restored: RestoredNamespace[];
  objectives: { rto: Duration; rpo: Duration; rtoMet: boolean | undefined; rpoMet: boolean | undefined };
  measurement: RunMeasurement;
}

/**
 * Measures RTO and RPO from a failover run's journal. RTO runs from the outage to verified traffic
 * (`verify-traffic` succeeded); RPO is the age of the oldest restored state at the outage.
 *
 * @example failoverOutcome(plan, runbook, entries, { outageAt: injectedAt }).rto?.toString() // "2m10s"
 */
export function failoverOutcome(plan: DRPlan, runbook: RunbookNode, entries: readonly JournalEntry[], options: { outageAt?: Date } = {}): FailoverOutcome {
  const outputs = succeededOutputs(entries);
  const outageAt = options.outageAt ?? confirmedAt(outputs) ?? new Date(entries[0]?.at ?? 0);
  const recoveredAt = dateField(outputs.get('verify-traffic'), 'verifiedAt');
  const restored = restoredNamespaces(outputs);
  const rto = recoveredAt ? between(outageAt, recoveredAt) : undefined;
  const oldest = restored.reduce<Date | undefined>((m, r) => (!m || r.backupStartedAt < m ? r.backupStartedAt : m), undefined);
  const rpo = oldest ? between(oldest, outageAt) : undefined;
  const { rto: rtoTarget, rpo: rpoTarget } = plan.spec.objectives;
  return {
    outageAt,
    recoveredAt,
    rto,
    rpo,
    restored,
    objectives: { rto: rtoTarget, rpo: rpoTarget, rtoMet: rto && !rto.isLongerThan(rtoTarget), rpoMet: rpo && !rpo.isLongerThan(rpoTarget) },
    measurement: measure(runbook, entries),
  };
}

function between(a: Date, b: Date): Duration {
  return Duration.milliseconds(Math.max(0, b.getTime() - a.getTime()));
}

function dateField(output: unknown, field: string): Date | undefined {
  const v = (output as Record<string, unknown> | undefined)?.[field];
  return typeof v === 'string' ? new Date(v) : undefined;
}

function confirmedAt(outputs: Map<string, unknown>): Date | undefined {
  return dateField(outputs.get('confirm-outage'), 'confirmedAt');
}

function restoredNamespaces(outputs: Map<string, unknown>): RestoredNamespace[] {
  return [...outputs.entries()]
    .filter(([id]) => id.startsWith('restore-'))
    .map(([, o]) => o as { namespace: string; backup: string; backupStartedAt: string })
    .map((o) => ({ namespace: o.namespace, backup: o.backup, backupStartedAt: new Date(o.backupStartedAt) }));
}

function succeededOutputs(entries: readonly JournalEntry[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const e of entries) if (e.kind === 'step-succeeded') out.set(e.step, e.output);
  return out;
}
