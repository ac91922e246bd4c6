import { drPlanSchema, type DRPlan, type DRPlanInput } from '../core/plan/schema.js';
import type { BackupRecord, CatalogSnapshot, ScheduleRecord, StorageLocationRecord } from '../core/ports/backup-catalog.js';
import type { ClusterInventory } from '../core/ports/kubernetes-inventory.js';
import type { PostureSnapshot } from '../core/posture/posture-snapshot.js';
import { Duration } from '../core/objectives/duration.js';
import { emptyCatalog } from './fake-backup-catalog.js';
import { emptyInventory } from './fake-kubernetes-inventory.js';

/** 2026-06-01T12:00:00Z: the "now" of posture unit tests. */
export const NOW = new Date('2026-06-01T12:00:00Z');
export const minutesAgo = (m: number): Date => new Date(NOW.getTime() - m * 60_000);

/** A valid two-region active-passive plan protecting `production` with a 15m RPO/RTO; spec fields overridable. */
export function aPlan(spec: Partial<DRPlanInput['spec']> = {}): DRPlan {
  return drPlanSchema.parse({
    apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'shop' },
    spec: {
      pattern: 'active-passive',
      regions: [
        { name: 'region-a', role: 'primary', context: 'a', ingress: { address: '10.0.0.1' } },
        { name: 'region-b', role: 'standby', context: 'b', ingress: { address: '10.0.0.2' } },
      ],
      objectives: { rto: '15m', rpo: '15m' },
      protection: { namespaces: { names: ['production'] }, volumes: 'none' },
      traffic: { provider: 'powerdns', endpoint: 'http://127.0.0.1:8081', credentials: 'env:PDNS', zone: 'lab.test.', record: 'app.lab.test.', ttl: '30s' },
      capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 3 }] },
      backup: { mode: 'adopt', storageLocations: [{ name: 'default', bucket: 'velero', location: 'elsewhere' }] },
      budgets: { confirm: '1m', declare: '1m', fence: '1m', scale: '1m', gitopsSync: '1m', restore: '3m', verify: '1m', switchTraffic: '1m' },
      ...spec,
    },
  });
}

export function aBackup(name: string, over: Partial<BackupRecord> = {}): BackupRecord {
  return {
    name, phase: 'Completed', schedule: 'every-5m', storageLocation: 'default',
    includedNamespaces: ['production'], excludedNamespaces: [], includedResources: [], excludedResources: [],
    startTimestamp: minutesAgo(5), completionTimestamp: minutesAgo(4), expiration: new Date(NOW.getTime() + 86_400_000), errors: 0, warnings: 0,
    ...over,
  };
}

export function aSchedule(name: string, over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    name, cron: '*/5 * * * *', paused: false, includedNamespaces: ['production'], excludedNamespaces: [], includedResources: [], excludedResources: [],
    storageLocation: 'default', ttl: Duration.hours(24), ttlText: '24h0m0s', created: minutesAgo(600), lastBackup: minutesAgo(5), ...over,
  };
}

export function aLocation(name = 'default', over: Partial<StorageLocationRecord> = {}): StorageLocationRecord {
  return { name, phase: 'Available', accessMode: 'ReadWrite', provider: 'aws', bucket: 'velero', config: {}, lastSyncedTime: minutesAgo(1), ...over };
}

/** A primary with `production` (PVC, Deployment, requests) and a standby with room for it. */
export function aPrimaryInventory(): ClusterInventory {
  return {
    ...emptyInventory(),
    namespaces: [{ name: 'production', labels: { tier: 'critical' } }, { name: 'kube-system', labels: {} }, { name: 'velero', labels: {} }, { name: 'default', labels: {} }],
    pvcs: [{ namespace: 'production', name: 'orders-data' }],
    workloads: [{ namespace: 'production', kind: 'apps/v1/Deployment', count: 2 }],
    nodes: [{ name: 'a-0', cpuMillis: 8000, memoryBytes: 32 * 2 ** 30, schedulable: true }],
    requests: [{ namespace: 'production', cpuMillis: 1500, memoryBytes: 2 ** 30 }],
  };
}

export function aStandbyInventory(): ClusterInventory {
  return { ...emptyInventory(), namespaces: [{ name: 'default', labels: {} }], nodes: [{ name: 'b-0', cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, schedulable: true }] };
}

/** A catalog with one healthy schedule, its fresh backup and an Available location. */
export function aPrimaryCatalog(): CatalogSnapshot {
  return { ...emptyCatalog(), schedules: [aSchedule('every-5m')], backups: [aBackup('every-5m-1')], locations: [aLocation()] };
}

/**
 * A snapshot where every objective holds and nothing is wrong: the baseline each unit test changes
 * one thing in. Drills are recent; the DNS TTL is 30s against a 15m RTO.
 */
export function aHealthySnapshot(plan: DRPlan = aPlan()): PostureSnapshot {
  const standbyCatalog = { ...emptyCatalog(), backups: [aBackup('every-5m-1')], locations: [aLocation('default', { accessMode: 'ReadOnly' })] };
  return {
    plan, now: NOW,
    regions: [
      { region: 'region-a', role: 'primary', reachable: true, inventory: aPrimaryInventory(), catalog: aPrimaryCatalog() },
      { region: 'region-b', role: 'standby', reachable: true, inventory: aStandbyInventory(), catalog: standbyCatalog },
    ],
    contents: { 'every-5m-1': { 'apps/v1/Deployment': ['production/web', 'production/api'], 'v1/PersistentVolumeClaim': ['production/orders-data'] } },
    contentErrors: {},
    traffic: { ok: true, state: { targets: ['10.0.0.1'], ttl: Duration.seconds(30) } },
    drills: (['tabletop', 'component', 'failover'] as const).map((kind) => ({ plan: plan.metadata.name, kind, finishedAt: minutesAgo(60 * 24), succeeded: true })),
  };
}
