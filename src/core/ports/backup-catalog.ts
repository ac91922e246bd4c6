import type { Duration } from '../objectives/duration.js';

/** Phases of a Velero Backup (velero.io/v1). */
export type BackupPhase =
  | 'New' | 'Queued' | 'ReadyToStart' | 'FailedValidation' | 'InProgress' | 'WaitingForPluginOperations'
  | 'WaitingForPluginOperationsPartiallyFailed' | 'Finalizing' | 'FinalizingPartiallyFailed' | 'Completed'
  | 'PartiallyFailed' | 'Failed' | 'Deleting' | 'Unknown';

/** Which namespaces and resources a Schedule or Backup selects, as Velero spells it. */
/** A Kubernetes label selector as Velero takes it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

export interface BackupScope {
  /** Empty or `*` means every namespace. */
  includedNamespaces: string[];
  excludedNamespaces: string[];
  includedResources: string[];
  excludedResources: string[];
  /** `spec.labelSelector.matchLabels`, when set: only labelled resources are backed up. */
  labelSelector?: Record<string, string>;
  /**
   * Every selector the scope filters items by: `spec.labelSelector` (matchLabels and matchExpressions) or,
   * instead, any of `spec.orLabelSelectors`. Empty: every item of the included namespaces and resources.
   */
  selectors?: LabelSelector[];
  storageLocation?: string;
}

/** A velero.io/v1 Backup. */
export interface BackupRecord extends BackupScope {
  name: string;
  phase: BackupPhase;
  /** The Schedule that made it (label velero.io/schedule-name). */
  schedule?: string;
  startTimestamp?: Date;
  completionTimestamp?: Date;
  expiration?: Date;
  errors: number;
  warnings: number;
  failureReason?: string;
}

/** A velero.io/v1 Schedule. */
export interface ScheduleRecord extends BackupScope {
  name: string;
  cron: string;
  paused: boolean;
  ttl?: Duration;
  /** The ttl as written (Go duration such as `720h0m0s`). */
  ttlText?: string;
  snapshotVolumes?: boolean;
  defaultVolumesToFsBackup?: boolean;
  created?: Date;
  lastBackup?: Date;
  phase?: string;
}

/** A velero.io/v1 Restore. */
export interface RestoreRecord {
  name: string;
  backupName: string;
  phase: string;
  startTimestamp?: Date;
  completionTimestamp?: Date;
  errors: number;
}

/** A velero.io/v1 BackupStorageLocation. */
export interface StorageLocationRecord {
  name: string;
  phase: 'Available' | 'Unavailable' | 'Unknown';
  accessMode: 'ReadWrite' | 'ReadOnly';
  provider: string;
  bucket: string;
  prefix?: string;
  config: Record<string, string>;
  lastSyncedTime?: Date;
  lastValidationTime?: Date;
  message?: string;
}

/** Everything one Velero installation knows, read at one moment. */
export interface CatalogSnapshot {
  schedules: ScheduleRecord[];
  backups: BackupRecord[];
  restores: RestoreRecord[];
  locations: StorageLocationRecord[];
}

/**
 * Reads a Velero installation's catalog (the Schedules, Backups, Restores and storage locations in its
 * namespace). Read-only; throws ProviderError when the cluster or the Velero CRDs are not there.
 */
export interface BackupCatalog {
  snapshot(): Promise<CatalogSnapshot>;
}
