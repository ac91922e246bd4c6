import { backupCatalogContract } from '../../src/testing/backup-catalog.contract.js';
import { backupObjectStoreContract } from '../../src/testing/backup-object-store.contract.js';
import { FakeBackupCatalog } from '../../src/testing/fake-backup-catalog.js';
import { FakeBackupObjectStore } from '../../src/testing/fake-backup-object-store.js';
import { FakeKubernetesInventory } from '../../src/testing/fake-kubernetes-inventory.js';
import { kubernetesInventoryContract } from '../../src/testing/kubernetes-inventory.contract.js';
import { aBackup, aLocation, aPrimaryCatalog, aPrimaryInventory } from '../../src/testing/posture-fixtures.js';

kubernetesInventoryContract('FakeKubernetesInventory', () => {
  const unreachable = new FakeKubernetesInventory(aPrimaryInventory());
  unreachable.reachable = false;
  return Promise.resolve({ sut: new FakeKubernetesInventory(aPrimaryInventory()), unreachable, known: { namespace: 'production', label: ['tier', 'critical'], pvc: 'orders-data', workloadKind: 'apps/v1/Deployment' } });
});

backupCatalogContract('FakeBackupCatalog', () => {
  const catalog = aPrimaryCatalog();
  catalog.locations = [aLocation('default')];
  catalog.restores = [{ name: 'r1', backupName: 'every-5m-1', phase: 'Completed', errors: 0 }];
  return Promise.resolve({ sut: new FakeBackupCatalog(catalog), known: { schedule: 'every-5m', cron: '*/5 * * * *', backup: aBackup('every-5m-1').name, namespace: 'production', location: 'default' } });
});

backupObjectStoreContract('FakeBackupObjectStore', () => Promise.resolve({
  sut: new FakeBackupObjectStore({ b1: { metadata: { metadata: { name: 'b1' } }, resourceList: { 'apps/v1/Deployment': ['production/web'] }, logs: 'level=info msg="Backup completed"' } }),
  known: { backup: 'b1', namespace: 'production', kind: 'apps/v1/Deployment' },
}));
