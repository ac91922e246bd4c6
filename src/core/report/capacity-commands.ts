import type { Capacity } from '../plan/schema.js';

/** Which way capacity moves: up to `active` on failover, back down to `standby` on rollback. */
export type CapacityDirection = 'active' | 'standby';

/**
 * The kubectl commands that scale the standby's capacity for each capacity type: Deployment replicas,
 * a Cluster API MachineDeployment's replicas, or a Karpenter NodePool's CPU limit. Empty for `none`.
 *
 * @example capacityCommands(plan.spec.capacity, 'lab-region-b', 'active')
 *   // ['kubectl --context lab-region-b scale deployment/web -n production --replicas=3']
 */
export function capacityCommands(capacity: Capacity, context: string, direction: CapacityDirection): string[] {
  switch (capacity.type) {
    case 'none':
      return [];
    case 'deployment-replicas':
      return capacity.deployments.map((d) => `kubectl --context ${context} scale deployment/${d.name} -n ${d.namespace} --replicas=${d[direction]}`);
    case 'cluster-api': {
      const md = capacity.machineDeployment;
      return [`kubectl --context ${context} scale machinedeployment.cluster.x-k8s.io/${md.name} -n ${md.namespace} --replicas=${md[direction]}`];
    }
    case 'karpenter': {
      const pool = capacity.nodePool;
      const cpu = direction === 'active' ? pool.activeCpu : pool.standbyCpu;
      return [`kubectl --context ${context} patch nodepool.karpenter.sh/${pool.name} --type merge -p '{"spec":{"limits":{"cpu":"${cpu}"}}}'`];
    }
  }
}
