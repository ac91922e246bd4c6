import { describe, expect, it } from 'vitest';
import { describeMachineDeployment, hasReadyReplicas, type MachineDeployment } from './machine-deployment-state.js';

const md = (generation: number | undefined, status?: MachineDeployment['status']): MachineDeployment => ({
  metadata: { name: 'pilot-workers', namespace: 'capi', ...(generation === undefined ? {} : { generation }) },
  spec: { replicas: 3 },
  ...(status ? { status } : {}),
});

describe('hasReadyReplicas', () => {
  it.each<[string, MachineDeployment, number, boolean]>([
    ['enough ready, controller caught up', md(2, { observedGeneration: 2, readyReplicas: 3 }), 3, true],
    ['more ready than wanted', md(2, { observedGeneration: 2, readyReplicas: 4 }), 3, true],
    ['too few ready', md(2, { observedGeneration: 2, readyReplicas: 2 }), 3, false],
    ['ready count from before the patch (observedGeneration behind)', md(3, { observedGeneration: 2, readyReplicas: 3 }), 3, false],
    ['no status yet', md(1), 3, false],
    ['zero wanted and no status', md(1), 0, false],
    ['zero wanted, controller caught up', md(1, { observedGeneration: 1 }), 0, true],
    ['no generation reported (trust the count)', md(undefined, { readyReplicas: 3 }), 3, true],
  ])('%s', (_case, sut, replicas, expected) => {
    expect(hasReadyReplicas(sut, replicas)).toBe(expected);
  });
});

describe('describeMachineDeployment', () => {
  it('names the MachineDeployment with its ready and wanted Machines', () => {
    expect(describeMachineDeployment(md(1, { readyReplicas: 1 }))).toBe('capi/pilot-workers: 1/3 ready');
  });
});
