import type { ClusterOperator } from '../../ports/cluster-operator.js';
import type { DRPlan, Region } from '../../plan/schema.js';
import type { Json } from '../json.js';

/** The storage locations the plan's schedules write to ("default" when none is named). */
export function planStorageLocations(plan: DRPlan): string[] {
  const names = plan.spec.backup.schedules.map((s) => s.storageLocation);
  return [...new Set(names.length > 0 ? names : ['default'])];
}

/**
 * Fences a reachable old primary so it can neither serve nor write: the protected namespaces'
 * Deployments go to 0 (their replicas remembered for failback), the storage locations become
 * ReadOnly and the Velero Schedules are paused. Idempotent: a fenced region is left as it is.
 */
export async function fenceRegion(plan: DRPlan, region: Region, cluster: ClusterOperator, namespaces: readonly string[]): Promise<Json> {
  let scaled = 0;
  for (const ns of namespaces) if (await cluster.namespaceExists(ns)) scaled += await cluster.fenceNamespace(ns);
  const locations = planStorageLocations(plan);
  for (const bsl of locations) await cluster.setStorageLocationAccess(region.veleroNamespace, bsl, 'ReadOnly');
  const pausedSchedules = await cluster.pauseSchedules(region.veleroNamespace, true);
  return { region: region.name, reachable: true, scaledDeployments: scaled, readOnlyLocations: locations, pausedSchedules, owed: false };
}
