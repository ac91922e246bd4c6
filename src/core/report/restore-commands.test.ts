import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { planRegions } from './plan-regions.js';
import { restoreCommands } from './restore-commands.js';

describe('restoreCommands', () => {
  it('restores each schedule into the standby, through its own Velero namespace', () => {
    const sut = samplePlan({
      backup: {
        storageLocations: [{ name: 'offsite', bucket: 'dr' }],
        schedules: [{ name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite' }, { name: 'db', cron: '*/5 * * * *', storageLocation: 'offsite', namespaces: ['db'] }],
      },
    });

    const commands = restoreCommands(sut, planRegions(sut).standby);

    expect(commands).toEqual([
      'velero --kubecontext ctx-b -n velero-dr restore create --from-schedule hourly --include-namespaces production,monitoring,team-* --wait',
      'velero --kubecontext ctx-b -n velero-dr restore create --from-schedule db --include-namespaces db --wait',
    ]);
  });
});
