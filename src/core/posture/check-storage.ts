import type { CatalogSnapshot, StorageLocationRecord } from '../ports/backup-catalog.js';
import type { Finding } from './finding.js';
import type { PostureSnapshot } from './posture-snapshot.js';

/**
 * `storage.location-unavailable`: a BackupStorageLocation Velero cannot reach, in any reachable region.
 * An error when a schedule or the plan writes there (or it is the only way back), a warning otherwise.
 */
export function checkStorage(snapshot: PostureSnapshot): Finding[] {
  return snapshot.regions.flatMap((region) => {
    if (!region.reachable || !region.catalog) return [];
    const catalog = region.catalog;
    return catalog.locations.filter((l) => l.phase !== 'Available').map((l) => unavailable(region.region, l, isInUse(snapshot, catalog, l.name)));
  });
}

function isInUse(snapshot: PostureSnapshot, catalog: CatalogSnapshot, name: string): boolean {
  return snapshot.plan.spec.backup.storageLocations.some((l) => l.name === name) || catalog.schedules.some((s) => s.storageLocation === name);
}

function unavailable(region: string, location: StorageLocationRecord, inUse: boolean): Finding {
  return {
    id: 'storage.location-unavailable', severity: inUse ? 'error' : 'warning',
    message: `region ${region}: backup storage location ${location.name} (bucket ${location.bucket}) is ${location.phase}${location.message ? `: ${location.message}` : ''}`,
    fix: `check the bucket exists and the credentials in the Velero namespace can reach it (\`velero backup-location get ${location.name}\`)`,
    evidence: { region, location: location.name, phase: location.phase, bucket: location.bucket, accessMode: location.accessMode, usedByPlanOrSchedule: inUse, lastValidationTime: location.lastValidationTime?.toISOString() ?? null },
  };
}
