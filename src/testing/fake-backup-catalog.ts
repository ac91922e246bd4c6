import { ProviderError } from '../core/errors.js';
import type { BackupCatalog, CatalogSnapshot } from '../core/ports/backup-catalog.js';

/** An empty Velero catalog, to build fakes from. */
export const emptyCatalog = (): CatalogSnapshot => ({ schedules: [], backups: [], restores: [], locations: [] });

/** A Velero catalog held in memory; tests push records into `state`. */
export class FakeBackupCatalog implements BackupCatalog {
  failing = false;

  constructor(public state: CatalogSnapshot = emptyCatalog()) {}

  snapshot(): Promise<CatalogSnapshot> {
    if (this.failing) return Promise.reject(new ProviderError('velero.io CRDs not found (fake)', { provider: 'velero', operation: 'list backups', retryable: false }));
    return Promise.resolve({ schedules: [...this.state.schedules], backups: [...this.state.backups], restores: [...this.state.restores], locations: [...this.state.locations] });
  }
}
