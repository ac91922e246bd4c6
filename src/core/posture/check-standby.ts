import { Duration } from '../objectives/duration.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import type { Finding } from './finding.js';
import { protectedNamespaces } from './namespace-scope.js';
import { primaryOf, standbysOf, type PostureSnapshot, type RegionObservation } from './posture-snapshot.js';
import { newestFirst, isRestoreSource } from './restore-sources.js';

/** How long after a backup completes a standby may still not list it (Velero syncs every minute by default). */
export const SYNC_GRACE = Duration.minutes(3);

type Reachable = Extract<RegionObservation, { reachable: true }>;

/**
 * Standby readiness: reachable (`standby.unreachable`), Velero there has synced the newest restore
 * source (`standby.velero-not-synced`), enough allocatable CPU and memory for the protected workloads
 * (`standby.capacity-insufficient`), and the CRDs the primary's custom resources need (`standby.crd-missing`).
 */
export function checkStandby(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  return standbysOf(snapshot).flatMap((standby): Finding[] => {
    if (!standby.reachable) {
      return [{
        id: 'standby.unreachable', severity: 'error',
        message: `standby region ${standby.region} cannot be reached: ${standby.reason}`,
        fix: 'check the standby cluster\'s API server and the network path to it; a failover now would fail',
        evidence: { region: standby.region, reason: standby.reason },
      }];
    }
    if (!primary?.reachable) return [];
    return [...synced(snapshot, primary, standby), ...capacity(snapshot, primary.inventory, standby), ...crds(snapshot, primary.inventory, standby)];
  });
}

function synced(snapshot: PostureSnapshot, primary: Reachable, standby: Reachable): Finding[] {
  if (!standby.catalog) {
    return [{ id: 'standby.velero-not-synced', severity: 'error', message: `standby region ${standby.region}: Velero's catalog cannot be read: ${standby.catalogError ?? 'unknown'}`, fix: 'install Velero in the standby with a read-only location on the same bucket', evidence: { region: standby.region, reason: standby.catalogError ?? null } }];
  }
  const accept = snapshot.plan.spec.protection.acceptPartiallyFailed;
  const cutoff = snapshot.now.getTime() - SYNC_GRACE.toMilliseconds();
  const due = newestFirst(primary.catalog?.backups ?? []).find((b) => isRestoreSource(b, accept, snapshot.now) && (b.completionTimestamp?.getTime() ?? Infinity) < cutoff);
  if (!due || standby.catalog.backups.some((b) => b.name === due.name)) return [];
  return [{
    id: 'standby.velero-not-synced', severity: 'error',
    message: `standby region ${standby.region}: Velero does not list backup ${due.name}, completed in the primary at ${due.completionTimestamp?.toISOString() ?? '?'}`,
    fix: 'check the standby\'s BackupStorageLocation points at the same bucket and prefix and is Available (`velero backup-location get`)',
    evidence: { region: standby.region, backup: due.name, standbyBackups: standby.catalog.backups.length, locations: standby.catalog.locations.map((l) => ({ name: l.name, phase: l.phase, lastSyncedTime: l.lastSyncedTime?.toISOString() ?? null })) },
  }];
}

function capacity(snapshot: PostureSnapshot, primary: ClusterInventory, standby: Reachable): Finding[] {
  const guarded = new Set(protectedNamespaces(snapshot.plan.spec, primary.namespaces));
  const wanted = primary.requests.filter((r) => guarded.has(r.namespace));
  const need = { cpuMillis: sum(wanted.map((r) => r.cpuMillis)), memoryBytes: sum(wanted.map((r) => r.memoryBytes)) };
  const nodes = standby.inventory.nodes.filter((n) => n.schedulable);
  const have = { cpuMillis: sum(nodes.map((n) => n.cpuMillis)), memoryBytes: sum(nodes.map((n) => n.memoryBytes)) };
  if (need.cpuMillis <= have.cpuMillis && need.memoryBytes <= have.memoryBytes) return [];
  return [{
    id: 'standby.capacity-insufficient', severity: snapshot.plan.spec.capacity.type === 'none' ? 'error' : 'warning',
    message: `standby region ${standby.region} has ${have.cpuMillis}m CPU / ${gib(have.memoryBytes)} allocatable; the protected workloads request ${need.cpuMillis}m / ${gib(need.memoryBytes)}`,
    fix: snapshot.plan.spec.capacity.type === 'none' ? 'add nodes to the standby, or declare spec.capacity so failover scales it first' : 'make sure the capacity step (spec.capacity) adds at least the difference',
    evidence: { region: standby.region, requested: need, allocatable: have, schedulableNodes: nodes.length },
  }];
}

function crds(snapshot: PostureSnapshot, primary: ClusterInventory, standby: Reachable): Finding[] {
  const present = new Set(standby.inventory.crds.map((c) => c.name));
  const kinds = new Set(Object.values(snapshot.contents).flatMap((list) => Object.keys(list ?? {})));
  const needed = primary.crds.filter((c) => [...kinds].some((k) => k.startsWith(`${c.group}/`) && k.endsWith(`/${c.kind}`)));
  return needed.filter((c) => !present.has(c.name)).map((c) => ({
    id: 'standby.crd-missing', severity: 'error' as const,
    message: `standby region ${standby.region} lacks CRD ${c.name}, which the newest backups hold objects of: their restore would fail`,
    fix: `install ${c.name} in the standby (the same chart or operator as the primary) before restoring`,
    evidence: { region: standby.region, crd: c.name, group: c.group, kind: c.kind },
  }));
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)}Gi`;
