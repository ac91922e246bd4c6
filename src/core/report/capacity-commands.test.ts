import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { capacityCommands } from './capacity-commands.js';

describe('capacityCommands', () => {
  it('scales each deployment to its active replicas on failover and back to standby on rollback', () => {
    const sut = samplePlan({ capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 1, active: 3 }, { namespace: 'production', name: 'api', standby: 0, active: 2 }] } });

    const up = capacityCommands(sut.spec.capacity, 'ctx-b', 'active');
    const down = capacityCommands(sut.spec.capacity, 'ctx-b', 'standby');

    expect(up).toEqual([
      'kubectl --context ctx-b scale deployment/web -n production --replicas=3',
      'kubectl --context ctx-b scale deployment/api -n production --replicas=2',
    ]);
    expect(down[0]).toBe('kubectl --context ctx-b scale deployment/web -n production --replicas=1');
  });

  it('scales a Cluster API MachineDeployment', () => {
    const sut = samplePlan({ capacity: { type: 'cluster-api', machineDeployment: { namespace: 'capi', name: 'workers', standby: 0, active: 6 } } });

    const commands = capacityCommands(sut.spec.capacity, 'ctx-b', 'active');

    expect(commands).toEqual(['kubectl --context ctx-b scale machinedeployment.cluster.x-k8s.io/workers -n capi --replicas=6']);
  });

  it('raises a Karpenter NodePool CPU limit', () => {
    const sut = samplePlan({ capacity: { type: 'karpenter', nodePool: { name: 'general', activeCpu: '64' } } });

    const [up] = capacityCommands(sut.spec.capacity, 'ctx-b', 'active');
    const [down] = capacityCommands(sut.spec.capacity, 'ctx-b', 'standby');

    expect(up).toBe(`kubectl --context ctx-b patch nodepool.karpenter.sh/general --type merge -p '{"spec":{"limits":{"cpu":"64"}}}'`);
    expect(down).toContain('"cpu":"0"');
  });

  it('has nothing to scale when capacity is none', () => {
    const sut = samplePlan({ pattern: 'active-active', capacity: { type: 'none' }, regions: [
      { name: 'east', role: 'active', context: 'ctx-east', ingress: { address: '192.0.2.1' } },
      { name: 'west', role: 'active', context: 'ctx-west', ingress: { address: '192.0.2.2' } },
    ] });

    expect(capacityCommands(sut.spec.capacity, 'ctx-b', 'active')).toEqual([]);
  });
});
