import type { DRPlan, Region } from '../plan/schema.js';

/**
 * Commands that fence a failed primary once it is reachable again, the way `lifeboat failover` does:
 * every Deployment in its protected namespaces to 0 replicas (no traffic, no writes), and the Velero
 * storage locations its schedules write to set ReadOnly, so a returning region cannot overwrite the
 * restore points. `unfence` makes the locations writable again after failback. Namespaces protected
 * by glob or label selector must be listed by hand: kubectl takes names only.
 *
 * @example fenceCommands(plan, primary, 'fence')[0] // 'kubectl --context prod -n production scale deployment --all --replicas=0'
 */
export function fenceCommands(plan: DRPlan, primary: Region, mode: 'fence' | 'unfence'): string[] {
  const access = mode === 'fence' ? 'ReadOnly' : 'ReadWrite';
  const locations = [...new Set(plan.spec.backup.schedules.map((s) => s.storageLocation))];
  const bsl = locations.map((l) => `kubectl --context ${primary.context} -n ${primary.veleroNamespace} patch backupstoragelocations.velero.io/${l} --type merge -p '{"spec":{"accessMode":"${access}"}}'`);
  if (mode === 'unfence') return bsl;
  const scale = plan.spec.protection.namespaces.names.map((ns) => `kubectl --context ${primary.context} -n ${ns} scale deployment --all --replicas=0`);
  return [...scale, ...bsl];
}
