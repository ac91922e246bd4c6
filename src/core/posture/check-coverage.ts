import type { ScheduleRecord } from '../ports/backup-catalog.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import type { Finding } from './finding.js';
import { isExcludedByPlan, protectedNamespaces, scopeExcludesResource, scopeIncludes, scopeSelects } from './namespace-scope.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';

/**
 * Coverage drift in the primary: namespaces and PVCs no live Schedule backs up
 * (`coverage.namespace-unprotected`, `coverage.pvc-unprotected`) and namespaces the plan names that do
 * not exist (`coverage.namespace-missing`). Namespaces the plan excludes, and system namespaces it
 * does not name (kube-*, velero, default), are left alone.
 */
export function checkCoverage(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  if (!primary?.reachable) return [];
  const { spec } = snapshot.plan;
  const existing = new Set(primary.inventory.namespaces.map((n) => n.name));
  const missing: Finding[] = spec.protection.namespaces.names.filter((n) => !existing.has(n)).map((ns) => ({
    id: 'coverage.namespace-missing', severity: 'error', field: 'spec.protection.namespaces.names',
    message: `the plan protects namespace ${ns}, which does not exist in region ${primary.region}`,
    fix: `remove ${ns} from spec.protection.namespaces.names, or check the plan points at the right cluster`,
    evidence: { namespace: ns, region: primary.region },
  }));
  if (!primary.catalog) return missing;
  const schedules = primary.catalog.schedules.filter((s) => !s.paused);
  const guarded = new Set(protectedNamespaces(spec, primary.inventory.namespaces));
  const unprotected = primary.inventory.namespaces
    .map((n) => n.name)
    .filter((ns) => !isExcludedByPlan(ns, spec) && !schedules.some((s) => scopeIncludes(s, ns)));
  return [
    ...missing,
    ...unprotected.map((ns) => namespaceFinding(ns, guarded.has(ns), primary.inventory)),
    ...pvcFindings(primary.inventory, schedules, (ns) => !isExcludedByPlan(ns, spec)),
  ];
}

function namespaceFinding(ns: string, inPlan: boolean, inventory: ClusterInventory): Finding {
  const workloads = Object.fromEntries(inventory.workloads.filter((w) => w.namespace === ns).map((w) => [w.kind, w.count]));
  const pvcs = inventory.pvcs.filter((p) => p.namespace === ns).map((p) => p.name);
  return {
    id: 'coverage.namespace-unprotected', severity: inPlan || pvcs.length > 0 ? 'error' : 'warning',
    message: `namespace ${ns} is not backed up by any Velero schedule${inPlan ? ', though the plan protects it' : ''}`,
    fix: `add ${ns} to a schedule's includedNamespaces, or to spec.protection.namespaces.exclude if it needs no recovery`,
    evidence: { namespace: ns, protectedByPlan: inPlan, workloads, pvcs },
  };
}

function pvcFindings(inventory: ClusterInventory, schedules: readonly ScheduleRecord[], relevant: (ns: string) => boolean): Finding[] {
  return inventory.pvcs.filter((p) => relevant(p.namespace)).flatMap((pvc) => {
    const covering = schedules.filter((s) => scopeIncludes(s, pvc.namespace) && !scopeExcludesResource(s, 'persistentvolumeclaims'));
    if (covering.some((s) => scopeSelects(s, pvc.labels ?? {}))) return [];
    const bySelector = covering.length > 0;
    return [{
      id: 'coverage.pvc-unprotected', severity: 'error' as const,
      message: bySelector
        ? `PVC ${pvc.namespace}/${pvc.name} matches none of the label selectors of the schedules covering its namespace: its data would be lost`
        : `PVC ${pvc.namespace}/${pvc.name} is not backed up by any Velero schedule: its data would be lost`,
      fix: bySelector
        ? `label the PVC to match ${covering.map((s) => s.name).join(', ')}'s selector, or widen the selector`
        : `include namespace ${pvc.namespace} (and persistentvolumeclaims) in a schedule`,
      evidence: { namespace: pvc.namespace, pvc: pvc.name, storageClass: pvc.storageClass ?? null, labels: pvc.labels ?? {}, schedulesCoveringNamespace: covering.map((s) => s.name), selectors: covering.flatMap((s) => s.selectors ?? []) as unknown as Record<string, unknown>[] },
    }];
  });
}
