import { Duration } from '../../core/objectives/duration.js';
import type { BackupPhase, BackupRecord, BackupScope, LabelSelector, RestoreRecord, ScheduleRecord, StorageLocationRecord } from '../../core/ports/backup-catalog.js';

/** The loosely typed shape of a velero.io/v1 object as the API returns it. */
export interface VeleroObject {
  metadata?: { name?: string; labels?: Record<string, string>; creationTimestamp?: string | Date };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const date = (v: unknown): Date | undefined => {
  if (v instanceof Date) return v;
  const d = typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

/** Velero filters items by `labelSelector`, or else by any of `orLabelSelectors` (the two are exclusive). */
function selectorsOf(spec: Record<string, unknown>): LabelSelector[] {
  const one = spec.labelSelector as LabelSelector | undefined;
  const any = Array.isArray(spec.orLabelSelectors) ? (spec.orLabelSelectors as LabelSelector[]) : [];
  const all = one ? [one] : any;
  return all.filter((s) => Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0);
}

function scopeOf(spec: Record<string, unknown>): BackupScope {
  const selector = (spec.labelSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  const selectors = selectorsOf(spec);
  return {
    ...(selectors.length > 0 ? { selectors } : {}),
    includedNamespaces: strs(spec.includedNamespaces).filter((n) => n !== '*'),
    excludedNamespaces: strs(spec.excludedNamespaces),
    includedResources: strs(spec.includedResources),
    excludedResources: strs(spec.excludedResources),
    ...(selector ? { labelSelector: selector } : {}),
    ...(str(spec.storageLocation) ? { storageLocation: str(spec.storageLocation) } : {}),
  };
}

/** A Backup as Lifeboat reads it. Velero's `*` namespace is kept as "all" (an empty include list). */
export function toBackupRecord(o: VeleroObject): BackupRecord {
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  const schedule = o.metadata?.labels?.['velero.io/schedule-name'];
  return {
    name: o.metadata?.name ?? '', phase: (str(status.phase) ?? 'New') as BackupPhase, ...scopeOf(spec),
    ...(schedule ? { schedule } : {}),
    startTimestamp: date(status.startTimestamp), completionTimestamp: date(status.completionTimestamp), expiration: date(status.expiration),
    errors: num(status.errors), warnings: num(status.warnings), ...(str(status.failureReason) ? { failureReason: str(status.failureReason) } : {}),
  };
}

export function toScheduleRecord(o: VeleroObject): ScheduleRecord {
  const spec = o.spec ?? {};
  const template = (spec.template ?? {}) as Record<string, unknown>;
  return {
    name: o.metadata?.name ?? '', cron: str(spec.schedule) ?? '', paused: spec.paused === true, ...scopeOf(template),
    ...ttlOf(str(template.ttl)), ...volumesOf(template),
    created: date(o.metadata?.creationTimestamp), lastBackup: date(o.status?.lastBackup), phase: str(o.status?.phase),
  };
}

function ttlOf(ttl: string | undefined): Pick<ScheduleRecord, 'ttl' | 'ttlText'> {
  return ttl ? { ttl: Duration.tryParse(ttl), ttlText: ttl } : {};
}

function volumesOf(template: Record<string, unknown>): Pick<ScheduleRecord, 'snapshotVolumes' | 'defaultVolumesToFsBackup'> {
  const out: Pick<ScheduleRecord, 'snapshotVolumes' | 'defaultVolumesToFsBackup'> = {};
  if (typeof template.snapshotVolumes === 'boolean') out.snapshotVolumes = template.snapshotVolumes;
  if (typeof template.defaultVolumesToFsBackup === 'boolean') out.defaultVolumesToFsBackup = template.defaultVolumesToFsBackup;
  return out;
}

export function toRestoreRecord(o: VeleroObject): RestoreRecord {
  const status = o.status ?? {};
  return {
    name: o.metadata?.name ?? '', backupName: str(o.spec?.backupName) ?? '', phase: str(status.phase) ?? 'New',
    startTimestamp: date(status.startTimestamp), completionTimestamp: date(status.completionTimestamp), errors: num(status.errors),
  };
}

export function toStorageLocationRecord(o: VeleroObject): StorageLocationRecord {
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  return {
    name: o.metadata?.name ?? '', phase: phaseOf(status.phase),
    accessMode: spec.accessMode === 'ReadOnly' ? 'ReadOnly' : 'ReadWrite', provider: str(spec.provider) ?? '',
    ...bucketOf(spec.objectStorage),
    config: (spec.config ?? {}) as Record<string, string>,
    lastSyncedTime: date(status.lastSyncedTime), lastValidationTime: date(status.lastValidationTime),
    ...(str(status.message) ? { message: str(status.message) } : {}),
  };
}

function phaseOf(phase: unknown): StorageLocationRecord['phase'] {
  return phase === 'Available' || phase === 'Unavailable' ? phase : 'Unknown';
}

function bucketOf(objectStorage: unknown): Pick<StorageLocationRecord, 'bucket' | 'prefix'> {
  const storage = (objectStorage ?? {}) as Record<string, unknown>;
  const prefix = str(storage.prefix);
  return { bucket: str(storage.bucket) ?? '', ...(prefix ? { prefix } : {}) };
}
