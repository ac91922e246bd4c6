import type { DRPlan, Region } from '../plan/schema.js';
import { capacityCommands } from '../report/capacity-commands.js';
import { dnsChangeCommand } from '../report/dns-change-command.js';
import { fenceCommands } from '../report/fence-commands.js';
import { restoreCommands } from '../report/restore-commands.js';
import type { FailoverAction } from '../runbook/failover/failover-runbook.js';
import type { GateNode, StepNode } from '../runbook/runbook.js';

type Action = FailoverAction['action'];
type Render<A extends Action> = (plan: DRPlan, input: Extract<FailoverAction, { action: A }>) => string[];

/**
 * What a failover step would do, as the commands the rendered runbook gives a person doing it by hand
 * (`lifeboat plan render`); lines starting with `#` describe what no single command does.
 *
 * @example stepCommands(plan, fenceStep) // ['kubectl --context prod -n production scale deployment --all --replicas=0', ...]
 */
export function stepCommands(plan: DRPlan, node: StepNode | GateNode): string[] {
  if (node.kind === 'gate') return gateLines(plan, node);
  const input = node.input as FailoverAction | undefined;
  if (!input || !(input.action in RENDER)) return [`# ${node.title}`];
  return (RENDER[input.action] as Render<Action>)(plan, input);
}

const RENDER: { [A in Action]: Render<A> } = {
  'confirm-outage': (plan, input) => {
    const region = regionNamed(plan, input.region);
    const probes = region.healthEndpoints.map((url) => `curl -fsS --max-time 5 ${url}`);
    const points = plan.spec.trigger.vantagePoints.map((v) => v.name).join(', ');
    return [...(probes.length > 0 ? probes : [`kubectl --context ${region.context} get --raw /readyz`]), `# ${plan.spec.trigger.quorum} of the vantage points (${points}) must agree`];
  },
  fence: (plan, input) => fenceCommands(plan, regionNamed(plan, input.region), 'fence'),
  restore: (plan, input) => restoresOf(plan, regionNamed(plan, input.region), input.namespace),
  'scale-capacity': (plan, input) => capacityCommands(plan.spec.capacity, regionNamed(plan, input.region).context, input.target),
  'gitops-sync': (plan, input) => {
    const context = regionNamed(plan, input.region).context;
    const ns = plan.spec.gitops?.argocd.namespace ?? 'argocd';
    return input.applications.map((app) => `kubectl --context ${context} -n ${ns} patch applications.argoproj.io/${app} --type merge -p '{"operation":{"initiatedBy":{"username":"lifeboat"},"sync":{}}}'`);
  },
  'verify-workloads': (plan, input) => {
    const context = regionNamed(plan, input.region).context;
    const rollouts = plan.spec.capacity.type === 'deployment-replicas'
      ? plan.spec.capacity.deployments.map((d) => `kubectl --context ${context} rollout status deployment/${d.name} -n ${d.namespace} --timeout=${plan.spec.budgets.verify.toString()}`)
      : [];
    return [...input.namespaces.map((ns) => `kubectl --context ${context} get pods -n ${ns}`), ...rollouts];
  },
  'switch-traffic': (plan, input) => input.to.map((address) => dnsChangeCommand(plan.spec.traffic, address) ?? `# point ${plan.spec.traffic.record} at ${address} on the global load balancer`),
  'verify-traffic': (plan, input) => {
    const { traffic } = plan.spec;
    const ingress = regionNamed(plan, input.region).ingress;
    const url = `http://${ingress.address}${ingress.port ? `:${ingress.port}` : ''}${ingress.path ?? '/'}`;
    return [`dig +short ${traffic.record} ${traffic.type}`, `curl -fsS -H 'Host: ${ingress.host ?? traffic.record.replace(/\.$/, '')}' ${url}`];
  },
  watch: (plan, input) => [`# watch ${input.region}'s error rate for ${plan.spec.budgets.watch.toString()} (lifeboat probes its ingress every second for ${input.windowSeconds}s)`],
  notify: (plan) => {
    const channels = plan.spec.notifications.filter((n) => !n.events || n.events.includes('failover-complete')).map((n) => `${n.name} (${n.type})`);
    return [channels.length > 0 ? `# tell stakeholders via ${channels.join(', ')}, with the measured RTO and RPO` : '# no notification channel configured: tell stakeholders on the incident bridge', '# update the status page'];
  },
};

function gateLines(plan: DRPlan, gate: GateNode): string[] {
  if (gate.approvals === 0) return ['# automatic failover: nobody approves, Lifeboat declares it'];
  const who = gate.approvals > 1 ? `${gate.approvals} approvers declare` : 'the incident commander declares';
  return [`# ${who} the failover: lifeboat failover ${plan.metadata.name} waits at this gate (--yes approves as the one starting it)`];
}

/** The restore commands of the schedules that back up the namespace. */
function restoresOf(plan: DRPlan, standby: Region, namespace: string): string[] {
  const protectedNames = [...plan.spec.protection.namespaces.names, ...plan.spec.protection.namespaces.globs];
  const all = restoreCommands(plan, standby);
  const covering = plan.spec.backup.schedules.flatMap((s, i) => ((s.namespaces ?? protectedNames).includes(namespace) ? [all[i] ?? ''] : []));
  return covering.length > 0 ? covering : [`# no schedule of the plan names ${namespace}: restore it from a backup by hand`];
}

function regionNamed(plan: DRPlan, name: string): Region {
  const region = plan.spec.regions.find((r) => r.name === name);
  if (!region) throw new RangeError(`region ${name} is not in plan ${plan.metadata.name}`);
  return region;
}
