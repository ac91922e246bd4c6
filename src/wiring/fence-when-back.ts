import { fenceRegion } from '../core/runbook/failover/fence.js';
import type { Json } from '../core/runbook/json.js';
import type { DRPlan } from '../core/plan/schema.js';
import { InputError, TimeoutError } from '../core/errors.js';
import type { Duration } from '../core/objectives/duration.js';
import { KubernetesClusterOperator } from '../providers/kubernetes/kubernetes-cluster-operator.js';
import { kubeConfigForRegion, trafficManagerFor, type ConnectOptions } from './failover-ports.js';

/**
 * The guard against split brain after a failover whose old primary was unreachable (fencing owed):
 * waits until the region answers again and fences it at once (workloads to 0, storage locations
 * ReadOnly, Schedules paused). Refuses to run while DNS still points at that region: fencing the
 * region that serves would be an outage, not a fence.
 */
export async function fenceWhenBack(plan: DRPlan, regionName: string, o: ConnectOptions & { wait: Duration; onWaiting?: () => void }): Promise<Json> {
  const region = plan.spec.regions.find((r) => r.name === regionName);
  if (!region) throw new InputError([{ path: '--region', message: `region ${regionName} is not in plan ${plan.metadata.name}` }]);
  const dns = await trafficManagerFor(plan, o.env).current();
  if (dns?.targets.includes(region.ingress.address)) {
    throw new InputError([{ path: '--region', message: `${plan.spec.traffic.record} still answers ${region.ingress.address} (${regionName}): fail over first` }]);
  }
  const cluster = KubernetesClusterOperator.fromConfig({ kubeConfig: kubeConfigForRegion(region, o), region: regionName });
  const deadline = Date.now() + o.wait.toMilliseconds();
  while (!(await cluster.isReachable(1500))) {
    if (Date.now() > deadline) throw new TimeoutError(`${regionName} did not come back within ${o.wait.toString()}; fencing is still owed`);
    o.onWaiting?.();
    await new Promise((r) => setTimeout(r, 500));
  }
  return fenceRegion(plan, region, cluster, plan.spec.protection.namespaces.names);
}
