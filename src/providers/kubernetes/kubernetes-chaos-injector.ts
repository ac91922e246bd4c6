import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { OutageInjector } from '../../core/ports/outage-injector.js';
import { kubeError } from './kube-error.js';

/**
 * Makes a region fail for a drill by applying the plan's rendered chaos experiments (Chaos Mesh
 * Workflows or Litmus ChaosEngines) to its cluster, and ends the outage by deleting them. The chaos
 * tool running there does the harm, within the blast radius and abort checks rendered into them.
 */
export class KubernetesChaosInjector implements OutageInjector {
  private readonly api: KubernetesObjectApi;

  constructor(kubeConfig: KubeConfig, private readonly manifests: readonly KubernetesObject[], readonly method: string) {
    this.api = KubernetesObjectApi.makeApiClient(kubeConfig);
  }

  static fromConfig(config: { kubeConfig: KubeConfig; manifests: readonly KubernetesObject[]; method: string }): KubernetesChaosInjector {
    return new KubernetesChaosInjector(config.kubeConfig, config.manifests, config.method);
  }

  async inject(region: string): Promise<void> {
    for (const m of this.manifests) {
      try {
        await this.api.create(m);
      } catch (error) {
        if ((error as { code?: number }).code !== 409) throw kubeError(error, `kubernetes/${region}`, `create ${m.kind} ${m.metadata?.name ?? ''}`);
      }
    }
  }

  async clear(region: string): Promise<void> {
    for (const m of [...this.manifests].reverse()) {
      try {
        await this.api.delete(m);
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw kubeError(error, `kubernetes/${region}`, `delete ${m.kind} ${m.metadata?.name ?? ''}`);
      }
    }
  }
}
