import type { PlanSpec } from '../plan/schema.js';
import type { BackupScope } from '../ports/backup-catalog.js';
import type { NamespaceInfo } from '../ports/kubernetes-inventory.js';
import { coversNamespace, globMatches } from '../plan/namespace-coverage.js';

/** Namespaces no plan protects unless it names them: Kubernetes' own, Velero's, and `default`. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-*', 'velero', 'default'];

type Selector = NonNullable<PlanSpec['protection']['namespaces']['selector']>;

/** Whether labels satisfy a Kubernetes label selector (matchLabels and matchExpressions). */
export function matchesSelector(labels: Record<string, string>, selector: Selector): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return byLabel && (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    const listed = value !== undefined && (e.values ?? []).includes(value);
    return e.operator === 'In' ? listed : !listed;
  });
}

/** Whether the plan excludes a namespace on purpose (its excludes, or a system namespace it does not name). */
export function isExcludedByPlan(ns: string, spec: PlanSpec): boolean {
  const names = spec.protection.namespaces;
  if (names.names.includes(ns)) return false;
  return [...names.exclude, ...SYSTEM_NAMESPACES].some((g) => globMatches(g, ns));
}

/**
 * The namespaces of the primary that the plan protects: named ones that exist, plus those matching its
 * globs or label selector, minus its excludes.
 */
export function protectedNamespaces(spec: PlanSpec, namespaces: readonly NamespaceInfo[]): string[] {
  const rule = spec.protection.namespaces;
  const picked = namespaces.filter((ns) =>
    rule.names.includes(ns.name) ||
    rule.globs.some((g) => globMatches(g, ns.name)) ||
    (rule.selector !== undefined && matchesSelector(ns.labels, rule.selector)));
  return picked.map((ns) => ns.name).filter((name) => !isExcludedByPlan(name, spec)).sort();
}

/** Whether a Velero Schedule or Backup selects a namespace (empty or `*` includes all; excludes win). */
export function scopeIncludes(scope: BackupScope, ns: string): boolean {
  return coversNamespace({ included: scope.includedNamespaces, excluded: scope.excludedNamespaces }, ns);
}

/** Whether a scope's label selectors (if any) pick an item with these labels: one matching selector is enough. */
export function scopeSelects(scope: BackupScope, labels: Record<string, string>): boolean {
  const selectors = scope.selectors ?? [];
  return selectors.length === 0 || selectors.some((s) => matchesSelector(labels, s));
}

/** Whether a scope leaves out a resource (by Velero resource name, e.g. `persistentvolumeclaims`). */
export function scopeExcludesResource(scope: BackupScope, resource: string): boolean {
  const included = scope.includedResources;
  const kept = included.length === 0 || included.includes('*') || included.includes(resource);
  return !kept || scope.excludedResources.includes(resource);
}
