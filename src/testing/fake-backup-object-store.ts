import type { BackupObjectStore, ResourceList } from '../core/ports/backup-object-store.js';

/** A bucket's Velero files held in memory, by backup name. */
export interface FakeBackupFiles {
  metadata?: Record<string, unknown>;
  resourceList?: ResourceList;
  logs?: string;
}

/** Velero's files for each backup, in memory; absent backups read as undefined, like a missing key. */
export class FakeBackupObjectStore implements BackupObjectStore {
  constructor(public files: Record<string, FakeBackupFiles> = {}) {}

  metadata(backup: string): Promise<Record<string, unknown> | undefined> {
    return Promise.resolve(this.files[backup]?.metadata);
  }

  resourceList(backup: string): Promise<ResourceList | undefined> {
    return Promise.resolve(this.files[backup]?.resourceList);
  }

  logs(backup: string): Promise<string | undefined> {
    return Promise.resolve(this.files[backup]?.logs);
  }
}
