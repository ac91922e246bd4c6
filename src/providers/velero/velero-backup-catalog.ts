import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { ProviderError } from '../../core/errors.js';
import type { BackupCatalog, CatalogSnapshot, StorageLocationRecord } from '../../core/ports/backup-catalog.js';
import { loadKubeConfig } from '../kubernetes/load-kube-config.js';
import { toBackupRecord, toRestoreRecord, toScheduleRecord, toStorageLocationRecord, type VeleroObject } from './velero-records.js';

/** Which Velero installation to read. */
export interface VeleroCatalogConfig {
  context: string;
  kubeconfig?: string;
  /** Namespace Velero runs in (default `velero`). */
  namespace?: string;
  /** Objects per list page; pages keep memory flat on catalogs with many thousands of backups. */
  pageSize?: number;
}

/**
 * Velero's catalog through the Kubernetes API: velero.io/v1 Schedules, Backups, Restores and
 * BackupStorageLocations in Velero's namespace, read page by page and mapped to records as they come.
 */
export class VeleroBackupCatalog implements BackupCatalog {
  constructor(private readonly kc: KubeConfig, private readonly namespace: string, private readonly pageSize: number) {}

  static fromConfig(config: VeleroCatalogConfig): VeleroBackupCatalog {
    return new VeleroBackupCatalog(loadKubeConfig(config), config.namespace ?? 'velero', config.pageSize ?? 1000);
  }

  async snapshot(): Promise<CatalogSnapshot> {
    const [schedules, backups, restores, locations] = await Promise.all([
      this.list('schedules', toScheduleRecord), this.list('backups', toBackupRecord),
      this.list('restores', toRestoreRecord), this.list('backupstoragelocations', toStorageLocationRecord),
    ]);
    return { schedules, backups, restores, locations };
  }

  /** Only the BackupStorageLocations: for callers that need where backups live, not the whole catalog. */
  storageLocations(): Promise<StorageLocationRecord[]> {
    return this.list('backupstoragelocations', toStorageLocationRecord);
  }

  private async list<T>(plural: string, map: (o: VeleroObject) => T): Promise<T[]> {
    const api = this.kc.makeApiClient(CustomObjectsApi);
    const out: T[] = [];
    let token: string | undefined;
    try {
      do {
        const page = (await api.listNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural, limit: this.pageSize, _continue: token })) as { items?: VeleroObject[]; metadata?: { continue?: string } };
        for (const item of page.items ?? []) out.push(map(item));
        token = page.metadata?.continue || undefined;
      } while (token);
    } catch (error) {
      throw new ProviderError(`listing Velero ${plural} in ${this.kc.getCurrentContext()}/${this.namespace} failed: ${(error as Error).message}`, { provider: 'velero', operation: `list ${plural}`, retryable: true, cause: error });
    }
    return out;
  }
}
