import type { PlanSpec } from '../plan/schema.js';
import type { BackupRecord, CatalogSnapshot } from '../ports/backup-catalog.js';
import type { ResourceList } from '../ports/backup-object-store.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import type { Finding } from './finding.js';
import { protectedNamespaces } from './namespace-scope.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { newestRestoreSource } from './restore-sources.js';

/** The newest restore source of each protected namespace: the backups whose files are worth reading. */
export function restoreSourcesByNamespace(spec: PlanSpec, inventory: ClusterInventory, catalog: CatalogSnapshot, now: Date): Map<string, BackupRecord> {
  const out = new Map<string, BackupRecord>();
  for (const ns of protectedNamespaces(spec, inventory.namespaces)) {
    const source = newestRestoreSource(catalog.backups, ns, spec.protection.acceptPartiallyFailed, now);
    if (source) out.set(ns, source);
  }
  return out;
}

/** Objects per kind that a resource list holds in one namespace. */
export function countsInNamespace(list: ResourceList, ns: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [kind, items] of Object.entries(list)) {
    const n = items.filter((item) => item.startsWith(`${ns}/`)).length;
    if (n > 0) counts[kind] = n;
  }
  return counts;
}

/**
 * What the newest restore source really holds, from its resource list in object storage: every
 * protected namespace (`backup.contents-missing-namespace`) and every workload kind running there
 * (`backup.contents-missing-kind`), with counts per kind as evidence.
 */
export function checkContents(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  if (!primary?.reachable || !primary.catalog) return [];
  const sources = restoreSourcesByNamespace(snapshot.plan.spec, primary.inventory, primary.catalog, snapshot.now);
  return [...sources].flatMap(([ns, backup]) => {
    const list = snapshot.contents[backup.name];
    if (!list) return unreadable(ns, backup, snapshot.contentErrors[backup.name]);
    return checkNamespace(ns, backup, list, primary.inventory);
  });
}

function unreadable(ns: string, backup: BackupRecord, reason: string | undefined): Finding[] {
  return [{
    id: 'backup.contents-unreadable', severity: 'warning',
    message: `backup ${backup.name} (newest for ${ns}): its resource list could not be read from object storage${reason ? `: ${reason}` : ''}`,
    fix: 'check the object store credentials and that the bucket still holds the backup (`velero backup describe --details`)',
    evidence: { namespace: ns, backup: backup.name, reason: reason ?? 'resource list not found' },
  }];
}

function checkNamespace(ns: string, backup: BackupRecord, list: ResourceList, inventory: ClusterInventory): Finding[] {
  const counts = countsInNamespace(list, ns);
  if (Object.keys(counts).length === 0) {
    return [{
      id: 'backup.contents-missing-namespace', severity: 'error',
      message: `backup ${backup.name} is the newest restore source for ${ns}, but its resource list in object storage holds nothing from ${ns}`,
      fix: `check the schedule's label selector and resource filters; run a backup of ${ns} and verify it with \`velero backup describe --details\``,
      evidence: { namespace: ns, backup: backup.name, namespacesInBackup: namespacesOf(list), itemsInBackup: Object.values(list).reduce((n, items) => n + items.length, 0) },
    }];
  }
  const live = inventory.workloads.filter((w) => w.namespace === ns && w.count > 0);
  return live.filter((w) => counts[w.kind] === undefined).map((w) => ({
    id: 'backup.contents-missing-kind', severity: 'error' as const,
    message: `backup ${backup.name} holds no ${w.kind} from ${ns}, where ${w.count} run now`,
    fix: `check the schedule's includedResources/excludedResources and label selector for ${w.kind}`,
    evidence: { namespace: ns, backup: backup.name, kind: w.kind, live: w.count, countsInBackup: counts },
  }));
}

function namespacesOf(list: ResourceList): string[] {
  const names = new Set<string>();
  for (const items of Object.values(list)) for (const item of items) if (item.includes('/')) names.add(item.split('/')[0] ?? '');
  return [...names].sort();
}
