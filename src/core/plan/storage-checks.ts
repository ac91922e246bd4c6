import type { Finding } from '../posture/finding.js';
import { ResourceSet } from './resource-set.js';
import type { ScheduleView } from './schedule-view.js';
import type { StorageLocation } from './schema.js';

/** What the storage and volume checks compare with. */
export interface StorageContext {
  primaryLocation?: string;
  storageLocations?: ReadonlyArray<Pick<StorageLocation, 'name' | 'location'>>;
  pvcsInScope?: boolean;
}

/**
 * `storage.same-region-as-primary`, `storage.unknown-location`: a backup must live outside the region
 * it protects, or a regional outage takes the backups with it; when Lifeboat cannot tell where the
 * bucket is, it says so instead of assuming.
 */
export function storageFindings(view: ScheduleView, ctx: StorageContext): Finding[] {
  const name = view.storageLocation ?? '(Velero default)';
  const declared = ctx.storageLocations?.find((s) => s.name === view.storageLocation);
  const base = { field: view.fields.storageLocation, evidence: { schedule: view.name, storageLocation: name, primaryLocation: ctx.primaryLocation } };
  if (!declared || declared.location === undefined) {
    return [{
      ...base, id: 'storage.unknown-location', severity: 'warning',
      message: declared ? `storage location ${name} of schedule ${view.name} does not say which region holds its bucket` : `schedule ${view.name} writes to storage location ${name}, which is not among the known storage locations`,
      fix: `declare ${name} in spec.backup.storageLocations with its location (the bucket's region) so Lifeboat can check it is outside the primary region`,
    }];
  }
  if (ctx.primaryLocation === undefined || declared.location !== ctx.primaryLocation) return [];
  return [{
    ...base, id: 'storage.same-region-as-primary', severity: 'error',
    message: `schedule ${view.name} stores backups in ${name} (${declared.location}), the primary region's own location: a regional outage takes the backups with it`,
    fix: `write backups to a bucket in another region than ${ctx.primaryLocation} (or replicate the bucket there and point ${view.name} at the replica)`,
  }];
}

/**
 * `restore.pvc-without-volume-data`, `snapshot.location-missing`: when claims are backed up, their
 * data must travel too, and snapshots must go to a named location rather than Velero's default.
 */
export function volumeFindings(view: ScheduleView, ctx: StorageContext): Finding[] {
  const claims = new ResourceSet(view.resources.included, view.resources.excluded).has('persistentvolumeclaims');
  if (!(ctx.pvcsInScope ?? true) || !claims) return [];
  const evidence = { schedule: view.name, snapshotVolumes: view.snapshotVolumes, fsBackup: view.fsBackup };
  if (!view.snapshotVolumes && !view.fsBackup) {
    return [{
      id: 'restore.pvc-without-volume-data', severity: 'error', field: view.fields.volumes, evidence,
      message: `schedule ${view.name} backs up persistent volume claims but neither snapshots their volumes nor copies them with file-system backup: restored claims come back without data`,
      fix: 'set volumes: snapshot (with a volume snapshot location in another region) or volumes: fs-backup',
    }];
  }
  if (!view.snapshotVolumes || view.fsBackup || view.volumeSnapshotLocations.length > 0) return [];
  return [{
    id: 'snapshot.location-missing', severity: 'warning', field: view.fields.volumeSnapshotLocations, evidence,
    message: `schedule ${view.name} snapshots volumes but names no volume snapshot location, so Velero uses its default, usually in the primary region`,
    fix: `list a volume snapshot location in another region under volumeSnapshotLocations of ${view.name}`,
  }];
}
