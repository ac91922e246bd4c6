import { Duration } from '../../objectives/duration.js';
import type { DRPlan, Region } from '../../plan/schema.js';
import { noRetry, type RetryPolicy } from '../retry-policy.js';
import { defineRunbook, type RunbookNode, type StepNode } from '../runbook.js';

/**
 * Retries for steps whose failures are usually passing (API hiccups, a restarting apiserver): 6 attempts
 * over about 45 s of backoff (2, 4, 8, 15, 15 s), longer than a kube-apiserver takes to restart.
 */
const transient: RetryPolicy = { maxAttempts: 6, initialDelay: Duration.seconds(2), maxDelay: Duration.seconds(15), factor: 2 };

/** The failover steps' inputs: what the executor needs, no secrets. */
export type FailoverAction =
  | { action: 'confirm-outage'; region: string }
  | { action: 'fence'; region: string; namespaces: string[] }
  | { action: 'scale-capacity'; region: string; target: 'active' | 'standby' }
  | { action: 'gitops-sync'; region: string; applications: string[] }
  | { action: 'restore'; region: string; namespace: string }
  | { action: 'verify-workloads'; region: string; namespaces: string[] }
  | { action: 'switch-traffic'; to: string[]; weights?: Record<string, number> }
  | { action: 'verify-traffic'; region: string }
  | { action: 'watch'; region: string; windowSeconds: number }
  | { action: 'notify'; event: 'failover-complete'; runbook?: 'failback' };

type Phase = keyof DRPlan['spec']['budgets'];

/** A step whose budget is the plan's budget for its phase. */
function step(what: { id: string; title: string; phase: Phase }, plan: DRPlan, input: FailoverAction, retry: RetryPolicy = transient): StepNode {
  return { kind: 'step', ...what, budget: plan.spec.budgets[what.phase], retry, input };
}

/** The regions a failover moves from and to. */
export function failoverRegions(plan: DRPlan): { from: Region; to: Region } {
  const rs = plan.spec.regions;
  const from = rs.find((r) => r.role === 'primary') ?? rs[0];
  const to = rs.find((r) => r.role === 'standby') ?? rs.find((r) => r !== from);
  if (!from || !to) throw new Error('a plan needs two regions to fail over');
  return { from, to };
}

/**
 * The failover runbook for a plan, following the seed's runbook: confirm the outage, declare (approval
 * gate unless auto-failover), fence the old primary, bring the standby up (capacity and GitOps sync
 * in parallel, then the restores in parallel), verify workloads, switch traffic, verify and watch it, notify. Active-active skips the
 * restore: the surviving region already runs, so traffic weights move away from the failed one.
 *
 * @example failoverRunbook(plan, ['production', 'monitoring'])
 */
export function failoverRunbook(plan: DRPlan, namespaces: readonly string[]): RunbookNode {
  const { from, to } = failoverRegions(plan);
  const s = plan.spec;
  const gate: RunbookNode = { kind: 'gate', id: 'declare', title: 'Incident commander declares the failover', phase: 'declare', approvals: s.trigger.autoFailover ? 0 : s.trigger.approvers, budget: s.budgets.declare };
  const head: RunbookNode[] = [
    step({ id: 'confirm-outage', title: `Confirm ${from.name} is down from every vantage point`, phase: 'confirm' }, plan, { action: 'confirm-outage', region: from.name }, noRetry),
    gate,
  ];
  const tail: RunbookNode[] = [
    step({ id: 'switch-traffic', title: `Point ${s.traffic.record} at ${to.name}`, phase: 'switchTraffic' }, plan, { action: 'switch-traffic', to: [to.ingress.address] }),
    step({ id: 'verify-traffic', title: `Verify ${to.name}'s ingress serves the app`, phase: 'verify' }, plan, { action: 'verify-traffic', region: to.name }),
    step({ id: 'watch', title: 'Watch the error rate', phase: 'watch' }, plan, { action: 'watch', region: to.name, windowSeconds: Math.max(5, Math.round(s.budgets.watch.toSeconds() / 2)) }),
    step({ id: 'notify', title: 'Tell stakeholders: failover complete, with measured RTO and RPO', phase: 'notify' }, plan, { action: 'notify', event: 'failover-complete' }),
  ];
  if (s.pattern === 'active-active') {
    return defineRunbook({ kind: 'sequence', id: 'failover', children: [...head, ...tail] });
  }
  const bringUp: RunbookNode[] = [
    ...namespaces.map((ns) => step({ id: `restore-${ns}`, title: `Restore ${ns} from its newest valid backup`, phase: 'restore' }, plan, { action: 'restore', region: to.name, namespace: ns })),
  ];
  // Worker nodes and the Argo CD sync come first and together (failoverPhases' prepare-region group):
  // the synced workloads need the nodes, and the restores land on what Argo CD created.
  const prepare: RunbookNode[] = [];
  if (s.capacity.type === 'cluster-api' || s.capacity.type === 'karpenter') {
    prepare.push(step({ id: 'scale-capacity', title: `Add worker capacity in ${to.name}`, phase: 'scale' }, plan, { action: 'scale-capacity', region: to.name, target: 'active' }));
  }
  if (s.gitops) {
    prepare.push(step({ id: 'gitops-sync', title: `Sync Argo CD applications in ${to.name}`, phase: 'gitopsSync' }, plan, { action: 'gitops-sync', region: to.name, applications: s.gitops.argocd.applications }));
  }
  const afterRestore: RunbookNode[] = s.capacity.type === 'deployment-replicas'
    ? [step({ id: 'scale-workloads', title: `Scale ${to.name}'s workloads to their active size`, phase: 'scale' }, plan, { action: 'scale-capacity', region: to.name, target: 'active' })]
    : [];
  return defineRunbook({
    kind: 'sequence',
    id: 'failover',
    children: [
      ...head,
      step({ id: 'fence', title: `Fence ${from.name}: no traffic, no writes to the bucket`, phase: 'fence' }, plan, { action: 'fence', region: from.name, namespaces: [...namespaces] }),
      ...(prepare.length > 0 ? [{ kind: 'parallel' as const, id: 'prepare-region', children: prepare }] : []),
      { kind: 'parallel', id: 'bring-up', children: bringUp },
      ...afterRestore,
      // A wait that ran its whole budget gets one more: waiting six budgets for capacity that is not coming only delays the page.
      step({ id: 'verify-workloads', title: `Wait for workloads Available in ${to.name}`, phase: 'verify' }, plan, { action: 'verify-workloads', region: to.name, namespaces: [...namespaces] }, { ...transient, maxAttempts: 2 }),
      ...tail,
    ],
  });
}
