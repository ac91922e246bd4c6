import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { fenceCommands } from './fence-commands.js';
import { planRegions } from './plan-regions.js';

describe('fenceCommands', () => {
  it('scales the protected namespaces to zero and makes the storage locations read-only', () => {
    const sut = samplePlan();

    const commands = fenceCommands(sut, planRegions(sut).primary, 'fence');

    expect(commands).toEqual([
      'kubectl --context ctx-a -n production scale deployment --all --replicas=0',
      'kubectl --context ctx-a -n monitoring scale deployment --all --replicas=0',
      `kubectl --context ctx-a -n velero patch backupstoragelocations.velero.io/offsite --type merge -p '{"spec":{"accessMode":"ReadOnly"}}'`,
    ]);
  });

  it('only makes the storage locations writable again when unfencing', () => {
    const sut = samplePlan();

    const commands = fenceCommands(sut, planRegions(sut).primary, 'unfence');

    expect(commands).toEqual([`kubectl --context ctx-a -n velero patch backupstoragelocations.velero.io/offsite --type merge -p '{"spec":{"accessMode":"ReadWrite"}}'`]);
  });
});
