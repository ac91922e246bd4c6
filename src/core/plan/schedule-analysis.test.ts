import { describe, expect, it } from 'vitest';
import { planWith } from '../../../test/support/valid-plan.js';
import { Duration } from '../objectives/duration.js';
import { analyzeSchedules, analyzeVeleroSchedules, type VeleroScheduleContext, type VeleroScheduleObject } from './schedule-analysis.js';

/** The article's production-hourly Schedule, as written there. */
const SEED: VeleroScheduleObject = {
  metadata: { name: 'production-hourly' },
  spec: {
    schedule: '0 * * * *',
    template: {
      includedNamespaces: ['production', 'monitoring', 'ingress-system'],
      includedResources: ['deployments', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims'],
      storageLocation: 's3-cross-region',
      volumeSnapshotLocations: ['ebs-cross-region'],
      ttl: '720h',
    },
  },
};

/** The seed's setting: active-passive (RPO 1h), 30 days retention, a cross-region bucket. */
const SEED_CONTEXT: VeleroScheduleContext = {
  rpo: Duration.hours(1),
  retention: Duration.hours(720),
  primaryLocation: 'eu-west-1',
  storageLocations: [{ name: 's3-cross-region', location: 'eu-central-1' }],
  pvcsInScope: true,
  protectedNamespaces: ['production', 'monitoring', 'ingress-system'],
};

type Template = VeleroScheduleObject['spec']['template'];
const seedWith = (template: Partial<Template>, schedule = '0 * * * *'): VeleroScheduleObject => ({
  metadata: SEED.metadata, spec: { schedule, template: { ...SEED.spec.template, ...template } },
});
const ALL_DEPENDENCIES = ['deployments', 'serviceaccounts', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims'];
const relaxed: VeleroScheduleContext = { ...SEED_CONTEXT, rpo: Duration.hours(2) };

describe('analyzeVeleroSchedules', () => {
  it('finds exactly what the seed schedule deserves: no service accounts, and 1h5m worst case against its 1h RPO', () => {
    const sut = analyzeVeleroSchedules([SEED], SEED_CONTEXT);

    expect(sut.map((f) => [f.id, f.severity, f.field])).toEqual([
      ['schedule.rpo-exceeded', 'error', 'Schedule/production-hourly.spec.schedule'],
      ['restore.missing-dependency', 'error', 'Schedule/production-hourly.spec.template.includedResources'],
    ]);
    expect(sut[0]?.evidence).toEqual({ schedule: 'production-hourly', gap: '1h', expected: '5m', worstCase: '1h5m', target: '1h' });
    expect(sut[1]?.message).toBe('schedule production-hourly backs up deployments but not serviceaccounts: pods run as a service account; restored without it, their pods are rejected ("serviceaccount not found")');
  });

  it.each<[string, VeleroScheduleObject, VeleroScheduleContext, string | undefined]>([
    ['schedule.cron-invalid fires on 6 fields', seedWith({ includedResources: ALL_DEPENDENCIES }, '0 0 * * * *'), relaxed, 'schedule.cron-invalid'],
    ['schedule.cron-invalid is quiet on @every 30m', seedWith({ includedResources: ALL_DEPENDENCIES }, '@every 30m'), relaxed, undefined],
    ['schedule.rpo-exceeded fires on 6-hourly against 2h', seedWith({ includedResources: ALL_DEPENDENCIES }, '0 */6 * * *'), relaxed, 'schedule.rpo-exceeded'],
    ['schedule.rpo-exceeded is quiet on hourly against 2h', seedWith({ includedResources: ALL_DEPENDENCIES }), relaxed, undefined],
    ['schedule.ttl-invalid fires on 30d', seedWith({ includedResources: ALL_DEPENDENCIES, ttl: '30d' }), relaxed, 'schedule.ttl-invalid'],
    ['schedule.ttl-invalid is quiet on 720h0m0s', seedWith({ includedResources: ALL_DEPENDENCIES, ttl: '720h0m0s' }), relaxed, undefined],
    ['schedule.ttl-below-retention fires on 168h against 720h', seedWith({ includedResources: ALL_DEPENDENCIES, ttl: '168h' }), relaxed, 'schedule.ttl-below-retention'],
    ['schedule.ttl-below-retention is quiet on an unset ttl (Velero default 720h)', seedWith({ includedResources: ALL_DEPENDENCIES, ttl: null }), relaxed, undefined],
    ['schedule.namespace-uncovered fires when payments has no schedule', seedWith({ includedResources: ALL_DEPENDENCIES }), { ...relaxed, protectedNamespaces: ['production', 'payments'] }, 'schedule.namespace-uncovered'],
    ['schedule.namespace-uncovered is quiet when a glob covers it', seedWith({ includedResources: ALL_DEPENDENCIES, includedNamespaces: ['pay*', 'production'] }), { ...relaxed, protectedNamespaces: ['production', 'payments'] }, undefined],
    ['restore.missing-dependency fires on ingresses without services', seedWith({ includedResources: ['ingresses.networking.k8s.io', 'configmaps'] }), relaxed, 'restore.missing-dependency'],
    ['restore.missing-dependency fires on custom resources without CRDs', seedWith({ includedResources: [...ALL_DEPENDENCIES, 'certificates.cert-manager.io'] }), relaxed, 'restore.missing-dependency'],
    ['restore.missing-dependency fires when service accounts are excluded from everything', seedWith({ includedResources: ['*'], excludedResources: ['serviceaccounts'] }), relaxed, 'restore.missing-dependency'],
    ['restore.missing-dependency is quiet when everything is included', seedWith({ includedResources: null }), relaxed, undefined],
    ['restore.pvc-without-volume-data fires without snapshots or fs-backup', seedWith({ includedResources: [...ALL_DEPENDENCIES, 'persistentvolumes'], snapshotVolumes: false }), relaxed, 'restore.pvc-without-volume-data'],
    ['restore.pvc-without-volume-data is quiet with fs-backup', seedWith({ includedResources: ALL_DEPENDENCIES, snapshotVolumes: false, defaultVolumesToFsBackup: true }), relaxed, undefined],
    ['storage.same-region-as-primary fires on a bucket in eu-west-1', seedWith({ includedResources: ALL_DEPENDENCIES }), { ...relaxed, storageLocations: [{ name: 's3-cross-region', location: 'eu-west-1' }] }, 'storage.same-region-as-primary'],
    ['storage.same-region-as-primary is quiet for another region', seedWith({ includedResources: ALL_DEPENDENCIES }), relaxed, undefined],
    ['storage.unknown-location fires on an undeclared location', seedWith({ includedResources: ALL_DEPENDENCIES, storageLocation: 'somewhere' }), relaxed, 'storage.unknown-location'],
    ['storage.unknown-location fires on a location without a region', seedWith({ includedResources: ALL_DEPENDENCIES }), { ...relaxed, storageLocations: [{ name: 's3-cross-region' }] }, 'storage.unknown-location'],
    ['snapshot.location-missing fires on snapshots without a location', seedWith({ includedResources: ALL_DEPENDENCIES, volumeSnapshotLocations: [] }), relaxed, 'snapshot.location-missing'],
    ['snapshot.location-missing is quiet when no PVCs are in scope', seedWith({ includedResources: ALL_DEPENDENCIES, volumeSnapshotLocations: [] }), { ...relaxed, pvcsInScope: false }, undefined],
  ])('%s', (_name, schedule, ctx, expected) => {
    const sut = analyzeVeleroSchedules([schedule], ctx);

    expect(sut.map((f) => f.id)).toEqual(expected === undefined ? [] : [expected]);
    expect(sut.every((f) => f.fix.length > 0 && /production-hourly|payments/.test(f.message))).toBe(true);
  });

  it('does not hold a weekly archive to the RPO when an hourly schedule covers the same namespaces', () => {
    const archive: VeleroScheduleObject = { metadata: { name: 'weekly-archive' }, spec: { schedule: '@weekly', template: { ...SEED.spec.template, includedResources: null, ttl: '8760h' } } };
    const hourly = seedWith({ includedResources: null });

    const sut = analyzeVeleroSchedules([hourly, archive], relaxed);

    expect(sut).toEqual([]);
  });

  it('warns (not errors) about workloads without config maps and secrets in an explicit list', () => {
    const sut = analyzeVeleroSchedules([seedWith({ includedResources: ['deployments', 'serviceaccounts'] })], relaxed);

    expect(sut.map((f) => [f.id, f.severity, f.evidence?.['missing']])).toEqual([['restore.missing-dependency', 'warning', ['configmaps', 'secrets']]]);
  });
});

describe('analyzeSchedules', () => {
  it('has nothing to say about the valid fixture plan', () => {
    expect(analyzeSchedules(planWith({}))).toEqual([]);
  });

  it.each<[string, Parameters<typeof planWith>[0], Array<[string, string]>]>([
    ['an RPO the hourly schedule cannot meet', { objectives: { rto: '30m', rpo: '1h' } }, [['schedule.rpo-exceeded', 'spec.backup.schedules[0].cron']]],
    ['a ttl shorter than the retention', { protection: { namespaces: { names: ['production', 'monitoring'] }, retention: '2160h' } }, [['schedule.ttl-below-retention', 'spec.backup.schedules[0].ttl']]],
    ['a protected namespace the schedule does not list', {
      backup: { storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-central-1' }], volumeSnapshotLocations: [{ name: 'ebs-offsite' }], schedules: [{ name: 'hourly', cron: '0 * * * *', namespaces: ['production'], storageLocation: 'offsite', volumeSnapshotLocations: ['ebs-offsite'] }] },
    }, [['schedule.namespace-uncovered', 'spec.protection.namespaces.names[1]']]],
    ['resources listed in the plan without service accounts', { protection: { namespaces: { names: ['production', 'monitoring'] }, resources: { included: ['deployments', 'configmaps', 'secrets'] } } }, [['restore.missing-dependency', 'spec.protection.resources.included']]],
    ['fs-backup switched off for a schedule of an fs-backup plan', {
      protection: { namespaces: { names: ['production', 'monitoring'] }, volumes: 'fs-backup' },
      backup: { storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-central-1' }], schedules: [{ name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite', defaultVolumesToFsBackup: false }] },
    }, [['restore.pvc-without-volume-data', 'spec.backup.schedules[0].defaultVolumesToFsBackup']]],
    ['a bucket in the primary region', { backup: { storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-west-1' }], volumeSnapshotLocations: [{ name: 'ebs-offsite' }], schedules: [{ name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite', volumeSnapshotLocations: ['ebs-offsite'] }] } }, [['storage.same-region-as-primary', 'spec.backup.schedules[0].storageLocation']]],
    ['an invalid cron', { backup: { storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-central-1' }], volumeSnapshotLocations: [{ name: 'ebs-offsite' }], schedules: [{ name: 'hourly', cron: '0 25 * * *', storageLocation: 'offsite', volumeSnapshotLocations: ['ebs-offsite'] }] } }, [['schedule.cron-invalid', 'spec.backup.schedules[0].cron']]],
  ])('reports %s at the plan field', (_name, spec, expected) => {
    const sut = analyzeSchedules(planWith(spec));

    expect(sut.map((f) => [f.id, f.field])).toEqual(expected);
  });
});
