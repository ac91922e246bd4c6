import { Duration } from '../../objectives/duration.js';
import type { DRPlan } from '../../plan/schema.js';
import { noRetry, type RetryPolicy } from '../retry-policy.js';
import { defineRunbook, type RunbookNode, type StepNode } from '../runbook.js';
import type { FailoverAction } from './failover-runbook.js';
import { failoverRegions } from './failover-runbook.js';

const transient: RetryPolicy = { maxAttempts: 4, initialDelay: Duration.seconds(2), maxDelay: Duration.seconds(15), factor: 2 };

/** Failback's own actions, beside the failover actions it reuses (restore, verify-workloads, scale, notify). */
export type FailbackAction =
  | { action: 'confirm-recovered'; region: string }
  | { action: 'backup-region'; region: string; namespaces: string[] }
  | { action: 'prepare-region'; region: string; namespaces: string[] }
  | { action: 'shift-traffic'; weights: Record<string, number>; back: string }
  | { action: 'check-health'; region: string; windowSeconds: number; maxErrorRate: number }
  | { action: 'set-storage-access'; region: string; mode: 'ReadWrite' | 'ReadOnly' };

type Phase = keyof DRPlan['spec']['budgets'];
type Input = FailoverAction | FailbackAction;

function step(what: { id: string; title: string; phase: Phase }, plan: DRPlan, input: Input, extra: { retry?: RetryPolicy; compensate?: string } = {}): StepNode {
  return { kind: 'step', ...what, budget: plan.spec.budgets[what.phase], retry: extra.retry ?? transient, input, ...(extra.compensate ? { compensate: extra.compensate } : {}) };
}

/** The traffic shares failback walks through, in percent for the recovered primary. */
export const FAILBACK_SHARES = [10, 50, 100] as const;

/** Traffic providers that cannot answer by weight: plain Cloudflare DNS (weights need its Load Balancing). */
const UNWEIGHTED_PROVIDERS: ReadonlySet<string> = new Set(['cloudflare']);

/**
 * The shares failback moves traffic through: 10 -> 50 -> 100 where the provider can weigh answers; one
 * switch to 100% behind its health gate where it cannot (the gate and its roll-back still hold).
 */
export function failbackShares(plan: DRPlan): readonly number[] {
  return UNWEIGHTED_PROVIDERS.has(plan.spec.traffic.provider) ? [100] : FAILBACK_SHARES;
}

/**
 * Failback after a failover: the plan's primary has recovered and the standby serves. Back up the
 * standby, replace the primary's stale namespaces with that backup, then shift traffic back 10% -> 50%
 * -> 100%, each share behind a health check of the primary's ingress; a failed check rolls every shift
 * back (compensation: all traffic to the standby again). Finally the standby returns to standby size.
 *
 * @example failbackRunbook(plan, ['production'])
 */
export function failbackRunbook(plan: DRPlan, namespaces: readonly string[]): RunbookNode {
  const { from: primary, to: standby } = failoverRegions(plan);
  const s = plan.spec;
  const ns = [...namespaces];
  const window = Math.max(5, Math.round(s.budgets.watch.toSeconds() / 2));
  const shifts = failbackShares(plan).flatMap((share): RunbookNode[] => [
    step({ id: `shift-${share}`, title: `Send ${share}% of traffic to ${primary.name}`, phase: 'switchTraffic' }, plan,
      { action: 'shift-traffic', weights: { [primary.ingress.address]: share, [standby.ingress.address]: 100 - share }, back: standby.ingress.address }, { compensate: 'traffic-back' }),
    step({ id: `health-${share}`, title: `Health gate at ${share}%: ${primary.name}'s ingress error rate`, phase: 'watch' }, plan,
      { action: 'check-health', region: primary.name, windowSeconds: window, maxErrorRate: 0.05 }, { retry: noRetry }),
  ]);
  const toStandbySize: RunbookNode[] = s.capacity.type !== 'none'
    ? [step({ id: 'standby-size', title: `Return ${standby.name} to its standby size`, phase: 'scale' }, plan, { action: 'scale-capacity', region: standby.name, target: 'standby' })]
    : [];
  return defineRunbook({
    kind: 'sequence',
    id: 'failback',
    children: [
      step({ id: 'confirm-recovered', title: `Confirm ${primary.name} is back`, phase: 'confirm' }, plan, { action: 'confirm-recovered', region: primary.name }, { retry: noRetry }),
      { kind: 'gate', id: 'declare', title: 'Incident commander approves the failback', phase: 'declare', approvals: s.trigger.approvers, budget: s.budgets.declare },
      step({ id: 'backup-standby', title: `Back up ${standby.name}, which served during the outage`, phase: 'restore' }, plan, { action: 'backup-region', region: standby.name, namespaces: ns }),
      step({ id: 'prepare-primary', title: `Remove ${primary.name}'s stale copies of the protected namespaces`, phase: 'restore' }, plan, { action: 'prepare-region', region: primary.name, namespaces: ns }),
      { kind: 'parallel', id: 'sync-back', children: ns.map((n) => step({ id: `restore-${n}`, title: `Restore ${n} into ${primary.name}`, phase: 'restore' }, plan, { action: 'restore', region: primary.name, namespace: n }, { retry: { ...transient, maxAttempts: 2 } })) },
      step({ id: 'verify-workloads', title: `Wait for workloads Available in ${primary.name}`, phase: 'verify' }, plan, { action: 'verify-workloads', region: primary.name, namespaces: ns }),
      ...shifts,
      step({ id: 'primary-writes', title: `${primary.name}'s storage location back to ReadWrite`, phase: 'fence' }, plan, { action: 'set-storage-access', region: primary.name, mode: 'ReadWrite' }),
      step({ id: 'standby-read-only', title: `${standby.name}'s storage location back to ReadOnly`, phase: 'fence' }, plan, { action: 'set-storage-access', region: standby.name, mode: 'ReadOnly' }),
      ...toStandbySize,
      step({ id: 'notify', title: 'Tell stakeholders: failback complete', phase: 'notify' }, plan, { action: 'notify', event: 'failover-complete', runbook: 'failback' }),
    ],
  });
}
