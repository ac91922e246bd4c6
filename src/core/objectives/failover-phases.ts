import type { Budgets, DRPlan } from '../plan/schema.js';
import { Duration } from './duration.js';

/** One phase of the failover runbook with its time budget. */
export interface PhaseBudget {
  phase: keyof Budgets;
  title: string;
  budget: Duration;
  /** Phases sharing a group run in parallel; the group costs its longest member. */
  group?: string;
  /** Whether the phase delays recovery; RTO is the sum over the critical path. */
  onCriticalPath: boolean;
}

const TITLES: Record<keyof Budgets, string> = {
  confirm: 'Confirm the outage from several vantage points',
  declare: 'Declare the failover (incident commander approves)',
  fence: 'Fence the failed region so it stops taking writes and traffic',
  scale: 'Scale up capacity in the recovery region',
  gitopsSync: 'Sync the workloads with Argo CD',
  restore: 'Restore the latest Velero backup',
  verify: 'Verify pods are running and smoke checks pass',
  switchTraffic: 'Switch DNS / the global load balancer to the recovery region',
  watch: 'Watch error rates after the switch',
  notify: 'Notify stakeholders and update the status page',
};

/** Scale and the Argo CD sync both prepare the recovery region and do not wait for each other. */
const PREPARE_GROUP = 'prepare-region';

/**
 * The failover phases for a plan, in runbook order, with its budgets. The pattern decides which
 * phases exist: active-active has nothing to scale or restore; Argo CD sync runs for pilot-light
 * and whenever spec.gitops is set, in parallel with scaling. It also decides the critical path:
 * declaring is off it when failover is automatic; notify is sent after RTO is measured; and in
 * active-active the surviving regions already serve, so fencing, verifying and watching happen
 * after traffic has shifted and only confirm, declare and the traffic switch delay recovery.
 *
 * @example failoverPhases(plan).map((p) => p.phase) // ['confirm', 'declare', 'fence', 'scale', 'restore', ...]
 */
export function failoverPhases(plan: DRPlan): PhaseBudget[] {
  const { pattern, budgets, trigger, gitops } = plan.spec;
  const activeActive = pattern === 'active-active';
  const sync = pattern === 'pilot-light' || gitops !== undefined;
  const phase = (name: keyof Budgets, onCriticalPath: boolean, group?: string): PhaseBudget => ({
    phase: name, title: TITLES[name], budget: budgets[name], ...(group === undefined ? {} : { group }), onCriticalPath,
  });
  return [
    phase('confirm', true),
    phase('declare', !trigger.autoFailover),
    phase('fence', !activeActive),
    ...(activeActive ? [] : [phase('scale', true, sync ? PREPARE_GROUP : undefined)]),
    ...(sync ? [phase('gitopsSync', true, activeActive ? undefined : PREPARE_GROUP)] : []),
    ...(activeActive ? [] : [phase('restore', true)]),
    phase('verify', !activeActive),
    phase('switchTraffic', true),
    phase('watch', !activeActive),
    phase('notify', false),
  ];
}

/**
 * Time along the critical path: sequential phases add up, a parallel group counts once at its
 * longest member.
 *
 * @example criticalPathTotal(failoverPhases(plan)).toString() // '25m'
 */
export function criticalPathTotal(phases: readonly PhaseBudget[]): Duration {
  const groups = new Map<string, Duration>();
  let sequential = Duration.zero;
  for (const p of phases.filter((x) => x.onCriticalPath)) {
    if (p.group === undefined) sequential = sequential.plus(p.budget);
    else groups.set(p.group, Duration.max(groups.get(p.group) ?? Duration.zero, p.budget));
  }
  return Duration.sum([sequential, ...groups.values()]);
}
