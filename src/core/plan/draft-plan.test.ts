import { describe, expect, it } from 'vitest';
import { aLocation, aSchedule } from '../../testing/posture-fixtures.js';
import { emptyCatalog } from '../../testing/fake-backup-catalog.js';
import { Duration } from '../objectives/duration.js';
import { analyzeSchedules } from './schedule-analysis.js';
import { draftPlanFromCatalog } from './draft-plan.js';
import { drPlanSchema } from './schema.js';

describe('draftPlanFromCatalog', () => {
  it('drafts a valid adopt-mode plan from live Schedules: namespaces, crons, ttls, locations', () => {
    const catalog = { ...emptyCatalog(), locations: [aLocation('default', { config: { region: 'minio' } })], schedules: [
      aSchedule('hourly', { cron: '0 * * * *', includedNamespaces: ['shop', 'payments'], ttl: Duration.hours(72) }),
      aSchedule('nightly', { cron: '0 3 * * *', includedNamespaces: ['shop'], excludedResources: ['events'] }),
    ] };

    const sut = drPlanSchema.parse(draftPlanFromCatalog(catalog, { name: 'shop', context: 'prod-eu', veleroNamespace: 'velero' }));

    expect(sut.spec.backup.mode).toBe('adopt');
    expect(sut.spec.protection.namespaces.names).toEqual(['payments', 'shop']);
    expect(sut.spec.backup.schedules.map((s) => [s.name, s.cron, s.ttl.toString(), s.namespaces])).toEqual([
      ['hourly', '0 * * * *', '3d', ['shop', 'payments']],
      ['nightly', '0 3 * * *', '1d', ['shop']],
    ]);
    expect(sut.spec.backup.storageLocations).toEqual([expect.objectContaining({ name: 'default', bucket: 'velero', config: { region: 'minio' } })]);
    expect(sut.spec.regions[0]).toMatchObject({ role: 'primary', context: 'prod-eu' });
    expect(sut.spec.objectives.rpo.toString()).toBe('1d5m');
  });

  it('protects every namespace when a schedule takes them all, and the analysis then sees its findings', () => {
    const catalog = { ...emptyCatalog(), locations: [aLocation()], schedules: [aSchedule('all', { includedNamespaces: [], excludedNamespaces: ['kube-system'] })] };

    const sut = drPlanSchema.parse(draftPlanFromCatalog(catalog, { name: 'all', context: 'c', veleroNamespace: 'velero' }));

    expect(sut.spec.protection.namespaces).toMatchObject({ names: [], globs: ['*'], exclude: ['kube-system'] });
    expect(analyzeSchedules(sut).map((f) => f.id)).toContain('storage.unknown-location');
  });
});
