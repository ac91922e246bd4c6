import { describe, expect, it } from 'vitest';
import type { Region } from '../plan/schema.js';
import { FakeBackupCatalog } from '../../testing/fake-backup-catalog.js';
import { FakeKubernetesInventory } from '../../testing/fake-kubernetes-inventory.js';
import { aBackup, aPlan, aPrimaryInventory } from '../../testing/posture-fixtures.js';
import { observeRegions } from './observe-regions.js';

describe('observeRegions', () => {
  it('reads each region, and says which could not be read without failing the others', async () => {
    const inventories: Record<string, FakeKubernetesInventory> = { 'region-a': new FakeKubernetesInventory(aPrimaryInventory()), 'region-b': new FakeKubernetesInventory() };
    const catalogs: Record<string, FakeBackupCatalog> = { 'region-a': new FakeBackupCatalog(), 'region-b': new FakeBackupCatalog() };
    (inventories['region-b'] as FakeKubernetesInventory).reachable = false;
    (catalogs['region-a'] as FakeBackupCatalog).state.backups.push(aBackup('every-5m-1'));
    const sources = { inventory: (r: Region) => inventories[r.name] as FakeKubernetesInventory, catalog: (r: Region) => catalogs[r.name] as FakeBackupCatalog };

    const sut = await observeRegions(aPlan(), sources);

    expect(sut[0]).toMatchObject({ region: 'region-a', context: 'a', reachable: true, inventory: { namespaces: expect.arrayContaining([{ name: 'production', labels: { tier: 'critical' } }]) }, catalog: { backups: [{ name: 'every-5m-1' }] } });
    expect(sut[1]).toEqual({ region: 'region-b', context: 'b', reachable: false, reason: 'connect EHOSTUNREACH (fake)' });
  });

  it('keeps the inventory when only Velero\'s catalog fails, and a factory error as the reason', async () => {
    const catalog = new FakeBackupCatalog();
    catalog.failing = true;
    const sources = {
      inventory: (r: Region) => { if (r.name === 'region-b') throw new Error('context "b" not in kubeconfig'); return new FakeKubernetesInventory(aPrimaryInventory()); },
      catalog: () => catalog,
    };

    const sut = await observeRegions(aPlan(), sources);

    expect(sut[0]).toMatchObject({ reachable: true, catalogError: 'velero.io CRDs not found (fake)' });
    expect(sut[0] && 'inventory' in sut[0] && sut[0].inventory?.workloads).toEqual([{ namespace: 'production', kind: 'apps/v1/Deployment', count: 2 }]);
    expect(sut[1]).toEqual({ region: 'region-b', context: 'b', reachable: false, reason: 'context "b" not in kubeconfig' });
  });
});
