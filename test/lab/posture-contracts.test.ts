import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { labPaths } from '../../src/lab/lab-config.js';
import { KubernetesApiInventory } from '../../src/providers/kubernetes/kubernetes-api-inventory.js';
import { S3BackupObjectStore } from '../../src/providers/objectstore/s3-backup-object-store.js';
import { VeleroBackupCatalog } from '../../src/providers/velero/velero-backup-catalog.js';
import { backupCatalogContract } from '../../src/testing/backup-catalog.contract.js';
import { backupObjectStoreContract } from '../../src/testing/backup-object-store.contract.js';
import { kubernetesInventoryContract } from '../../src/testing/kubernetes-inventory.contract.js';
import { eventually, labSecrets } from '../support/lab-client.js';
import { backupFromSchedule, createSchedule, finished, removeSchedule } from '../support/posture-lab.js';

const SCHEDULE = 'posture-contract';
const BACKUP = `posture-contract-${Date.now()}`;

beforeAll(async () => {
  await eventually('region-a reachable', async () => (await KubernetesApiInventory.fromConfig({ context: 'lab-region-a', kubeconfig: labPaths().kubeconfig }).probe()).reachable, 300_000, 5000);
  await removeSchedule(SCHEDULE);
  await createSchedule(SCHEDULE, '0 */6 * * *', { includedNamespaces: ['production'], storageLocation: 'default' }, true);
  await backupFromSchedule(BACKUP, SCHEDULE);
  if ((await finished(BACKUP)) !== 'Completed') throw new Error(`backup ${BACKUP} did not complete`);
}, 600_000);

afterAll(async () => {
  await removeSchedule(SCHEDULE);
}, 60_000);

/** A kubeconfig whose server sits in the lab's range but routes nowhere. */
function unroutable(): KubernetesApiInventory {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'nowhere', server: 'https://10.213.99.2:6443', skipTLSVerify: true }],
    users: [{ name: 'nobody', token: 'none' }],
    contexts: [{ name: 'nowhere', cluster: 'nowhere', user: 'nobody' }],
    currentContext: 'nowhere',
  });
  return new KubernetesApiInventory(kc, 1500);
}

kubernetesInventoryContract('KubernetesApiInventory (lab region-a)', () => Promise.resolve({
  sut: KubernetesApiInventory.fromConfig({ context: 'lab-region-a', kubeconfig: labPaths().kubeconfig }),
  unreachable: unroutable(),
  known: { namespace: 'production', label: ['lifeboat.dev/tier', 'critical'], pvc: 'orders-data', workloadKind: 'apps/v1/Deployment' },
}));

backupCatalogContract('VeleroBackupCatalog (lab region-a)', () => Promise.resolve({
  sut: VeleroBackupCatalog.fromConfig({ context: 'lab-region-a', kubeconfig: labPaths().kubeconfig, pageSize: 2 }),
  known: { schedule: SCHEDULE, cron: '0 */6 * * *', backup: BACKUP, namespace: 'production', location: 'default' },
}));

backupObjectStoreContract('S3BackupObjectStore (lab MinIO)', () => {
  const s = labSecrets();
  return Promise.resolve({
    sut: S3BackupObjectStore.fromConfig({ bucket: 'velero', endpoint: 'http://127.0.0.1:9000', region: 'minio', forcePathStyle: true, credentials: { accessKeyId: s.minioUser, secretAccessKey: s.minioPassword } }),
    known: { backup: BACKUP, namespace: 'production', kind: 'apps/v1/Deployment' },
  });
});
