import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { InputError } from '../errors.js';
import { renderVeleroSchedules } from './render-velero-schedules.js';

describe('renderVeleroSchedules', () => {
  it('renders one Schedule per plan schedule in the primary region\'s Velero namespace', () => {
    const sut = samplePlan();

    const [schedule, ...rest] = renderVeleroSchedules(sut);

    expect(rest).toHaveLength(0);
    expect(schedule).toMatchObject({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'hourly', namespace: 'velero', labels: { 'lifeboat.dev/plan': 'shop' } },
      spec: { schedule: '0 * * * *', useOwnerReferencesInBackup: false },
    });
  });

  it('backs up the protected names and globs, minus the exclusions, for the plan ttl in Go form', () => {
    const sut = samplePlan();

    const template = renderVeleroSchedules(sut)[0]?.spec.template;

    expect(template).toEqual({
      metadata: { labels: { 'lifeboat.dev/plan': 'shop' } },
      includedNamespaces: ['production', 'monitoring', 'team-*'],
      excludedNamespaces: ['team-sandbox'],
      storageLocation: 'offsite',
      snapshotVolumes: true,
      defaultVolumesToFsBackup: false,
      ttl: '720h0m0s',
    });
  });

  it('prefers the schedule\'s own namespaces, resources and snapshot locations', () => {
    const sut = samplePlan({
      protection: { namespaces: { names: ['production'] }, resources: { included: ['deployments'], excluded: ['events'] } },
      backup: {
        storageLocations: [{ name: 'offsite', bucket: 'dr' }],
        volumeSnapshotLocations: [{ name: 'ebs' }],
        schedules: [{ name: 'db', cron: '*/5 * * * *', storageLocation: 'offsite', namespaces: ['db'], includedResources: ['statefulsets', 'persistentvolumeclaims'], excludedResources: ['secrets'], volumeSnapshotLocations: ['ebs'], ttl: '36h' }],
      },
    });

    const template = renderVeleroSchedules(sut)[0]?.spec.template;

    expect(template).toMatchObject({
      includedNamespaces: ['db'],
      includedResources: ['statefulsets', 'persistentvolumeclaims'],
      excludedResources: ['secrets'],
      volumeSnapshotLocations: ['ebs'],
      ttl: '36h0m0s',
    });
  });

  it('falls back to the protection resources and leaves out the all-resources wildcard', () => {
    const withList = samplePlan({ protection: { namespaces: { names: ['production'] }, resources: { included: ['deployments', 'services'] } } });
    const withWildcard = samplePlan({ protection: { namespaces: { names: ['production'] }, resources: { included: ['*'] } } });

    const listed = renderVeleroSchedules(withList)[0]?.spec.template;
    const wildcard = renderVeleroSchedules(withWildcard)[0]?.spec.template;

    expect(listed?.includedResources).toEqual(['deployments', 'services']);
    expect(wildcard).not.toHaveProperty('includedResources');
  });

  it.each([
    ['snapshot', undefined, { snapshotVolumes: true, defaultVolumesToFsBackup: false }],
    ['fs-backup', undefined, { snapshotVolumes: false, defaultVolumesToFsBackup: true }],
    ['none', undefined, { snapshotVolumes: false, defaultVolumesToFsBackup: false }],
    ['snapshot', true, { snapshotVolumes: true, defaultVolumesToFsBackup: true }],
  ] as const)('maps volumes: %s (schedule override %s) to %j', (volumes, override, expected) => {
    const sut = samplePlan({
      protection: { namespaces: { names: ['production'] }, volumes },
      backup: { storageLocations: [{ name: 'offsite', bucket: 'dr' }], schedules: [{ name: 'hourly', cron: '@hourly', storageLocation: 'offsite', ...(override === undefined ? {} : { defaultVolumesToFsBackup: override }) }] },
    });

    const template = renderVeleroSchedules(sut)[0]?.spec.template;

    expect(template).toMatchObject(expected);
  });

  it('records a namespace selector in an annotation instead of rendering it as an object selector', () => {
    const sut = samplePlan({ protection: { namespaces: { names: ['production'], selector: { matchLabels: { tier: 'critical' } } } } });

    const [schedule] = renderVeleroSchedules(sut);

    expect(schedule?.metadata.annotations).toEqual({ 'lifeboat.dev/namespace-selector': '{"matchLabels":{"tier":"critical"}}' });
    expect(schedule?.spec.template).not.toHaveProperty('labelSelector');
  });

  it('refuses a schedule that names no namespace, which Velero would read as "all namespaces"', () => {
    const sut = samplePlan({ protection: { namespaces: { selector: { matchLabels: { tier: 'critical' } } } } });

    const render = (): unknown => renderVeleroSchedules(sut);

    expect(render).toThrow(InputError);
    expect(render).toThrow(/spec\.backup\.schedules\.0\.namespaces: names no namespace/);
  });
});
