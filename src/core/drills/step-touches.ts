import { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import { newestRestoreSource, restorePointOf } from '../posture/restore-sources.js';
import type { FailoverAction } from '../runbook/failover/failover-runbook.js';
import type { RegionView } from './observe-regions.js';
import type { TabletopStep } from './tabletop-steps.js';

type Reachable = Extract<RegionView, { reachable: true }>;

/**
 * What a step would touch on the live clusters, as lines: the namespaces and workloads it acts on,
 * the newest backup a restore would use, whether the region answers. A region that could not be read
 * gets one line saying so; the walk-through goes on.
 *
 * @example stepTouches(plan, restoreStep, views, now) // ['region-b: newest backup of production: platform-every-5m-2026... (taken ..., 12m ago)']
 */
export function stepTouches(plan: DRPlan, step: TabletopStep, views: readonly RegionView[], now: Date): string[] {
  const input = step.node.kind === 'step' ? (step.node.input as FailoverAction | undefined) : undefined;
  if (!input || !('region' in input)) return [];
  const view = views.find((v) => v.region === input.region);
  if (!view) return [`${input.region}: not read`];
  if (!view.reachable) return [`${view.region} (${view.context}): unreachable, cannot show what this step touches: ${view.reason}`];
  if (input.action === 'restore') return restoreLines(plan, view, input.namespace, now);
  if (input.action === 'fence' || input.action === 'verify-workloads') return namespaceLines(view, input.namespaces);
  if (input.action === 'scale-capacity') return [...capacityLines(view), ...namespaceLines(view, deploymentNamespaces(plan))];
  return [`${view.region} (${view.context}): API answers (${view.latencyMs}ms)`];
}

function namespaceLines(view: Reachable, namespaces: readonly string[]): string[] {
  const inventory = view.inventory;
  if (!inventory) return [`${view.region}: inventory unreadable: ${view.inventoryError ?? 'unknown error'}`];
  return namespaces.map((ns) => `${view.region}: namespace ${ns}: ${workloadsIn(inventory, ns)}`);
}

function workloadsIn(inventory: ClusterInventory, ns: string): string {
  if (!inventory.namespaces.some((n) => n.name === ns)) return 'not found';
  const counts = inventory.workloads.filter((w) => w.namespace === ns && w.count > 0).map((w) => `${w.count} ${w.kind.split('/').at(-1) ?? w.kind}`);
  const pvcs = inventory.pvcs.filter((p) => p.namespace === ns).length;
  const parts = [...counts, ...(pvcs > 0 ? [`${pvcs} PVC`] : [])];
  return parts.length > 0 ? parts.join(', ') : 'no workloads';
}

function restoreLines(plan: DRPlan, view: Reachable, ns: string, now: Date): string[] {
  if (!view.catalog) return [`${view.region}: Velero catalog unreadable: ${view.catalogError ?? 'unknown error'}`];
  const backup = newestRestoreSource(view.catalog.backups, ns, plan.spec.protection.acceptPartiallyFailed, now);
  const target = view.inventory ? [`${view.region}: namespace ${ns} there now: ${workloadsIn(view.inventory, ns)}`] : [];
  if (!backup) return [`${view.region}: no restorable backup of ${ns} in Velero's catalog`, ...target];
  const taken = restorePointOf(backup);
  const age = taken ? `, ${Duration.minutes(Math.floor(Math.max(0, now.getTime() - taken.getTime()) / 60_000)).toString()} ago` : '';
  const from = backup.schedule ? ` from schedule ${backup.schedule}` : '';
  return [`${view.region}: newest backup of ${ns}: ${backup.name}${from} (${backup.phase}, taken ${taken?.toISOString() ?? 'at an unknown time'}${age})`, ...target];
}

function capacityLines(view: Reachable): string[] {
  const nodes = view.inventory?.nodes;
  if (!nodes) return [`${view.region}: inventory unreadable: ${view.inventoryError ?? 'unknown error'}`];
  const ready = nodes.filter((n) => n.schedulable);
  const cpu = ready.reduce((sum, n) => sum + n.cpuMillis, 0) / 1000;
  return [`${view.region}: ${nodes.length} node(s), ${ready.length} schedulable, ${cpu} CPU allocatable`];
}

function deploymentNamespaces(plan: DRPlan): string[] {
  const capacity = plan.spec.capacity;
  return capacity.type === 'deployment-replicas' ? [...new Set(capacity.deployments.map((d) => d.namespace))] : [];
}
