import { ProviderError } from '../core/errors.js';
import type { ClusterInventory, KubernetesInventory, Reachability } from '../core/ports/kubernetes-inventory.js';

/** An empty cluster, to build fakes from. */
export const emptyInventory = (): ClusterInventory => ({ namespaces: [], pvcs: [], workloads: [], nodes: [], requests: [], crds: [] });

/** A cluster held in memory; `reachable = false` makes it behave like one behind a dead link. */
export class FakeKubernetesInventory implements KubernetesInventory {
  reachable = true;

  constructor(public state: ClusterInventory = emptyInventory()) {}

  probe(): Promise<Reachability> {
    return Promise.resolve(this.reachable ? { reachable: true, latencyMs: 1 } : { reachable: false, reason: 'connect EHOSTUNREACH (fake)' });
  }

  inventory(): Promise<ClusterInventory> {
    if (!this.reachable) return Promise.reject(new ProviderError('cluster unreachable (fake)', { provider: 'kubernetes', operation: 'inventory', retryable: true }));
    return Promise.resolve(structuredClone(this.state));
  }
}
