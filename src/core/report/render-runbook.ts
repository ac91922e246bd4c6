import type { Duration } from '../objectives/duration.js';
import type { Prediction } from '../objectives/predict.js';
import type { DRPlan, Region } from '../plan/schema.js';
import { capacityCommands } from './capacity-commands.js';
import { dnsChangeCommand } from './dns-change-command.js';
import { fenceCommands } from './fence-commands.js';
import { planRegions, type FailoverPair } from './plan-regions.js';
import { restoreCommands } from './restore-commands.js';
import { stepBudgets, stepOf, type RunbookStep } from './runbook-step-budgets.js';

interface RunbookInput {
  plan: DRPlan;
  prediction: Prediction;
  regions: FailoverPair;
  budgets: Record<RunbookStep, Duration>;
}

/**
 * Renders the seed article's runbook template ("Disaster Recovery Runbook: <primary> Failure") for one
 * plan: its trigger thresholds, per-step budgets from the predicted phases, and the exact commands
 * with the plan's contexts, namespaces, schedules, DNS record and notification channels. An incident
 * commander can follow it by hand; `lifeboat failover <plan>` runs the same steps.
 *
 * @example renderRunbookMarkdown(plan, predictObjectives(plan)).startsWith('# Disaster Recovery Runbook')
 */
export function renderRunbookMarkdown(plan: DRPlan, prediction: Prediction): string {
  const input: RunbookInput = { plan, prediction, regions: planRegions(plan), budgets: stepBudgets(prediction) };
  const sections = [header(input), triggerCriteria(input), confirmOutage(input), activateDr(input), switchTraffic(input), communicate(input), rollback(input)];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`.replace(/[ \t]+\n/g, '\n');
}

const code = (text: string): string => (text.includes('\n') ? `\n\n  \`\`\`sh\n${text.replace(/^/gm, '  ')}\n  \`\`\`` : `\`${text}\``);
const check = (text: string): string => `- [ ] ${text}`;

function header({ plan, prediction, regions }: RunbookInput): string[] {
  const { primary, standby } = regions;
  const { rto, rpo } = plan.spec.objectives;
  return [
    `# Disaster Recovery Runbook: ${primary.name} Failure`,
    '',
    `Plan \`${plan.metadata.name}\` (${prediction.pattern.title}): fail over from \`${primary.name}\` (context \`${primary.context}\`) to \`${standby.name}\` (context \`${standby.context}\`).`,
    '',
    `- Objectives: RTO ${rto.toString()} (predicted ${prediction.rto.total.toString()}), RPO ${rpo.toString()} (predicted worst case ${prediction.rpo.worstCase.toString()})`,
    ...prediction.gaps.filter((g) => !g.met).map((g) => `- Gap: ${g.message}`),
    `- Automated equivalent: \`lifeboat failover ${plan.metadata.name}\` runs these steps with the same budgets and records the evidence.`,
  ];
}

function triggerCriteria({ plan, regions }: RunbookInput): string[] {
  const trigger = plan.spec.trigger;
  const points = trigger.vantagePoints.map((v) => `${v.name} (${v.type})`).join(', ');
  const endpoints = regions.primary.healthEndpoints;
  return [
    '## Trigger Criteria',
    '',
    `- ${regions.primary.name} unreachable for > ${trigger.unreachableFor.toString()}`,
    `- At least ${trigger.failingChecks} consecutive health checks failing${endpoints.length > 0 ? ` on ${endpoints.join(', ')}` : ''}`,
    `- ${trigger.quorum} of ${trigger.vantagePoints.length} vantage points agree: ${points}`,
    `- Cloud provider status page confirms outage${regions.primary.location ? ` in ${regions.primary.location}` : ''}`,
  ];
}

function confirmOutage({ plan, regions, budgets }: RunbookInput): string[] {
  const trigger = plan.spec.trigger;
  const probes = regions.primary.healthEndpoints.map((url) => check(`Probe ${code(`curl -fsS --max-time 5 ${url}`)}`));
  const declare = trigger.autoFailover
    ? 'Failover is automatic (autoFailover: true): confirm Lifeboat has declared it'
    : `Declare failover: ${trigger.approvers} approver${trigger.approvers > 1 ? 's' : ''} needed`;
  return [
    `## Step 1: Confirm Outage (${budgets.confirm.toString()})`,
    '',
    check(`Verify from multiple monitoring points: ${trigger.vantagePoints.map((v) => v.name).join(', ')}`),
    ...probes,
    check(`Check the cloud provider status page${regions.primary.location ? ` for ${regions.primary.location}` : ''}`),
    check(`Notify incident commander${channels(plan, 'approval-needed')}`),
    check(declare),
  ];
}

function activateDr({ plan, prediction, regions, budgets }: RunbookInput): string[] {
  const { standby } = regions;
  const scale = capacityCommands(plan.spec.capacity, standby.context, 'active');
  return [
    `## Step 2: Activate DR (${budgets.activate.toString()})`,
    '',
    phaseLine(prediction, 'activate'),
    '',
    check(`Fence ${regions.primary.name} if it is reachable (if not, fencing is owed before failback): no traffic, no writes to the backups`),
    ...fenceCommands(plan, regions.primary, 'fence').map((c) => `  - [ ] ${code(c)}`),
    ...scale.map((c) => check(`Scale up ${standby.name} capacity: ${code(c)}`)),
    ...gitopsSync(plan, standby),
    ...restoreCommands(plan, standby).map((c) => check(`Restore latest Velero backup: ${code(c)}`)),
    check(`Verify pods are running: ${code(`kubectl --context ${standby.context} get pods -A`)}`),
    ...rolloutChecks(plan, standby),
    ...smokeChecks(plan, standby),
  ];
}

function gitopsSync(plan: DRPlan, standby: Region): string[] {
  const argocd = plan.spec.gitops?.argocd;
  if (!argocd) return [];
  return argocd.applications.map((app) =>
    check(`Sync Argo CD application \`${app}\`: ${code(`kubectl --context ${standby.context} -n ${argocd.namespace} patch applications.argoproj.io/${app} --type merge -p '{"operation":{"initiatedBy":{"username":"lifeboat"},"sync":{}}}'`)}`),
  );
}

function rolloutChecks(plan: DRPlan, standby: Region): string[] {
  const capacity = plan.spec.capacity;
  if (capacity.type !== 'deployment-replicas') return [];
  return capacity.deployments.map((d) =>
    check(`Wait for \`${d.namespace}/${d.name}\`: ${code(`kubectl --context ${standby.context} rollout status deployment/${d.name} -n ${d.namespace} --timeout=${plan.spec.budgets.verify.toString()}`)}`),
  );
}

function smokeChecks(plan: DRPlan, standby: Region): string[] {
  return plan.spec.drills.smokeChecks.map((s) => check(`Smoke check \`${s.name}\` (expect ${s.expectStatus}): ${code(`curl -sS -o /dev/null -w '%{http_code}\\n' ${s.url ?? ingressUrl(plan, standby, s.path)}`)}`));
}

function ingressUrl(plan: DRPlan, region: Region, path?: string): string {
  const { address, port, host } = region.ingress;
  const hostHeader = host ?? plan.spec.traffic.record.replace(/\.$/, '');
  return `-H 'Host: ${hostHeader}' http://${address}${port ? `:${port}` : ''}${path ?? region.ingress.path ?? '/'}`;
}

function switchTraffic({ plan, regions, budgets }: RunbookInput): string[] {
  const { standby } = regions;
  const traffic = plan.spec.traffic;
  const dns = dnsChangeCommand(traffic, standby.ingress.address);
  const update = dns
    ? `Update DNS (${traffic.provider}, zone \`${traffic.zone}\`): point \`${traffic.record}\` ${traffic.type} at \`${standby.ingress.address}\`: ${code(dns)}`
    : `Update the global load balancer to route \`${traffic.record}\` to ${standby.name} (\`${standby.ingress.address}\`)`;
  return [
    `## Step 3: Switch Traffic (${budgets.switchTraffic.toString()})`,
    '',
    check(update),
    check(`Verify traffic is flowing to ${standby.name}: ${code(`dig +short ${traffic.record} ${traffic.type}`)} answers \`${standby.ingress.address}\` (after the ${traffic.ttl.toString()} TTL), and ${code(`curl -fsS ${ingressUrl(plan, standby)}`)} succeeds`),
    check(`Monitor error rates for ${plan.spec.budgets.watch.toString()}`),
  ];
}

function communicate({ plan, prediction, regions, budgets }: RunbookInput): string[] {
  return [
    `## Step 4: Communicate (${budgets.communicate.toString()})`,
    '',
    check(`Notify stakeholders${channels(plan, 'failover-complete')}: "Failover of ${plan.metadata.name} to ${regions.standby.name} complete, RTO: X minutes (objective ${plan.spec.objectives.rto.toString()}, predicted ${prediction.rto.total.toString()})"`),
    check('Update status page'),
  ];
}

function rollback({ plan, regions }: RunbookInput): string[] {
  const { primary, standby } = regions;
  const backup = `failback-${plan.metadata.name}`;
  const namespaces = [...plan.spec.protection.namespaces.names, ...plan.spec.protection.namespaces.globs];
  const include = namespaces.length > 0 ? ` --include-namespaces ${namespaces.join(',')}` : '';
  const location = plan.spec.backup.schedules[0]?.storageLocation;
  return [
    `## Rollback (when ${primary.name} recovers)`,
    '',
    check(`Sync data from ${standby.name} back to ${primary.name}: ${code(`velero --kubecontext ${standby.context} -n ${standby.veleroNamespace} backup create ${backup}${include}${location ? ` --storage-location ${location}` : ''} --wait`)} then ${code(`velero --kubecontext ${primary.context} -n ${primary.veleroNamespace} restore create --from-backup ${backup} --existing-resource-policy update --wait`)}`),
    check(`Gradually shift traffic back (10% → 50% → 100%) to ${primary.name} (\`${primary.ingress.address}\`) on \`${plan.spec.traffic.record}\``),
    ...capacityCommands(plan.spec.capacity, standby.context, 'standby').map((c) => check(`Scale down ${standby.name} to standby: ${code(c)}`)),
    ...fenceCommands(plan, primary, 'unfence').map((c) => check(`Let ${primary.name} write backups again: ${code(c)}`)),
  ];
}

function phaseLine(prediction: Prediction, step: RunbookStep): string {
  const phases = prediction.rto.phases.filter((p) => stepOf(p) === step);
  const parts = phases.map((p) => `${p.phase} ${p.budget.toString()}${p.group ? ` (in parallel: ${p.group})` : ''}`);
  return `Budget by phase: ${parts.length > 0 ? parts.join(', ') : 'none predicted'}.`;
}

type NotificationEvent = NonNullable<DRPlan['spec']['notifications'][number]['events']>[number];

function channels(plan: DRPlan, event: NotificationEvent): string {
  const named = plan.spec.notifications.filter((n) => !n.events || n.events.includes(event)).map((n) => `${n.name} (${n.type})`);
  return named.length > 0 ? ` via ${named.join(', ')}` : ' (no notification channel configured: use the incident bridge)';
}
