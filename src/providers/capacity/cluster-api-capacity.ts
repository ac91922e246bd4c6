import { CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ProviderError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import type { CapacityScaler, CapacityTarget } from '../../core/ports/capacity-scaler.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Json } from '../../core/runbook/json.js';
import { kubeError } from '../kubernetes/kube-error.js';
import { hasReadyReplicas, type MachineDeployment } from './machine-deployment-state.js';

const GROUP = 'cluster.x-k8s.io';
/** v1beta2 is the storage version since Cluster API v1.11; older management clusters serve v1beta1 only. */
const VERSIONS = ['v1beta2', 'v1beta1'] as const;
const POLL = Duration.seconds(2);

export interface ClusterApiCapacityConfig {
  /** The Cluster API management cluster that owns the region's workers (the plan region's context). */
  kubeConfig: KubeConfig;
  machineDeployment: { namespace: string; name: string; standby: number; active: number };
  clock: Clock;
}

/**
 * A region's worker capacity as a Cluster API MachineDeployment: `scale` merge-patches spec.replicas
 * to the plan's active or standby count (no patch when it is already there), and for `active` waits
 * until the controller reports that many ready Machines. Scaling down is not waited for.
 */
export class ClusterApiCapacity implements CapacityScaler {
  private readonly api: CustomObjectsApi;
  private version: (typeof VERSIONS)[number] | undefined;

  constructor(kubeConfig: KubeConfig, private readonly md: ClusterApiCapacityConfig['machineDeployment'], private readonly clock: Clock) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: ClusterApiCapacityConfig): ClusterApiCapacity {
    return new ClusterApiCapacity(config.kubeConfig, config.machineDeployment, config.clock);
  }

  async scale(target: CapacityTarget, options: { signal: AbortSignal }): Promise<Json> {
    const replicas = this.md[target];
    let current = await this.get();
    const patched = current.spec?.replicas !== replicas;
    if (patched) current = await this.patchReplicas(replicas);
    while (target === 'active' && !hasReadyReplicas(current, replicas)) {
      await this.clock.sleep(POLL, options.signal);
      current = await this.get();
    }
    return { machineDeployment: `${this.md.namespace}/${this.md.name}`, replicas, readyReplicas: current.status?.readyReplicas ?? 0, patched };
  }

  /** Reads the MachineDeployment, settling on the newest API version the cluster serves. */
  private async get(): Promise<MachineDeployment> {
    for (const version of this.version ? [this.version] : VERSIONS) {
      try {
        const md = (await this.api.getNamespacedCustomObject({ group: GROUP, version, namespace: this.md.namespace, plural: 'machinedeployments', name: this.md.name })) as MachineDeployment;
        this.version = version;
        return md;
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw kubeError(error, 'cluster-api', 'get machinedeployment');
      }
    }
    throw new ProviderError(`cluster-api: MachineDeployment ${this.md.namespace}/${this.md.name} not found (${GROUP} ${VERSIONS.join(' or ')}): check the plan's spec.capacity.machineDeployment and that the region's context points at its Cluster API management cluster`, { provider: 'cluster-api', operation: 'get machinedeployment', retryable: false, status: 404 });
  }

  private async patchReplicas(replicas: number): Promise<MachineDeployment> {
    try {
      return (await this.api.patchNamespacedCustomObject(
        { group: GROUP, version: this.version ?? VERSIONS[0], namespace: this.md.namespace, plural: 'machinedeployments', name: this.md.name, body: { spec: { replicas } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      )) as MachineDeployment;
    } catch (error) {
      throw kubeError(error, 'cluster-api', 'scale machinedeployment');
    }
  }
}
