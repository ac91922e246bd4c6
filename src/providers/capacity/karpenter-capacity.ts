import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { CapacityScaler, CapacityTarget } from '../../core/ports/capacity-scaler.js';
import type { Json } from '../../core/runbook/json.js';
import { kubeError } from '../kubernetes/kube-error.js';

interface NodePool {
  metadata: { name: string };
  spec?: { limits?: Record<string, string | number> };
}

export interface KarpenterCapacityConfig {
  /** The region's cluster, where Karpenter runs (the plan region's context). */
  kubeConfig: KubeConfig;
  nodePool: { name: string; standbyCpu: string; activeCpu: string };
}

/**
 * A region's worker capacity as a Karpenter NodePool (karpenter.sh/v1, cluster-scoped): `scale`
 * merge-patches spec.limits.cpu to the plan's active or standby CPU (no patch when it is already
 * there). It does not wait: Karpenter adds nodes for pending pods, which verify-workloads waits for.
 */
export class KarpenterCapacity implements CapacityScaler {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig, private readonly pool: KarpenterCapacityConfig['nodePool']) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: KarpenterCapacityConfig): KarpenterCapacity {
    return new KarpenterCapacity(config.kubeConfig, config.nodePool);
  }

  async scale(target: CapacityTarget, _options: { signal: AbortSignal }): Promise<Json> {
    const cpu = target === 'active' ? this.pool.activeCpu : this.pool.standbyCpu;
    const ref = { group: 'karpenter.sh', version: 'v1', plural: 'nodepools', name: this.pool.name };
    let pool: NodePool;
    try {
      pool = (await this.api.getClusterCustomObject(ref)) as NodePool;
    } catch (error) {
      throw kubeError(error, 'karpenter', 'get nodepool');
    }
    const patched = String(pool.spec?.limits?.cpu ?? '') !== cpu;
    if (patched) {
      try {
        pool = (await this.api.patchClusterCustomObject({ ...ref, body: { spec: { limits: { cpu } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))) as NodePool;
      } catch (error) {
        throw kubeError(error, 'karpenter', 'set nodepool limits');
      }
    }
    return { nodePool: this.pool.name, limits: stringValues(pool.spec?.limits ?? {}), patched };
  }
}

function stringValues(limits: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(limits).map(([k, v]) => [k, String(v)]));
}
