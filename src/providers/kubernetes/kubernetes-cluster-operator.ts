import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import type { ClusterOperator, WorkloadReadiness } from '../../core/ports/cluster-operator.js';
import { kubeError } from './kube-error.js';

const FENCED = 'lifeboat.dev/fenced-replicas';

/** A region's cluster through its apiserver (client-node, one KubeConfig per region context). */
export class KubernetesClusterOperator implements ClusterOperator {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(private readonly kubeConfig: KubeConfig, private readonly region: string) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: { kubeConfig: KubeConfig; region: string }): KubernetesClusterOperator {
    return new KubernetesClusterOperator(config.kubeConfig, config.region);
  }

  async isReachable(timeoutMs: number): Promise<boolean> {
    const timeout = new Promise<false>((r) => setTimeout(() => r(false), timeoutMs).unref());
    const probe = this.core.listNamespace({ limit: 1 }).then(() => true, () => false);
    return Promise.race([probe, timeout]);
  }

  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    await this.call(`scale deployment ${namespace}/${name}`, () =>
      this.apps.patchNamespacedDeploymentScale({ namespace, name, body: { spec: { replicas } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
  }

  async fenceNamespace(namespace: string): Promise<number> {
    const list = await this.call(`list deployments in ${namespace}`, () => this.apps.listNamespacedDeployment({ namespace }));
    let scaled = 0;
    for (const d of list.items) {
      const name = d.metadata?.name ?? '';
      const replicas = d.spec?.replicas ?? 1;
      if (replicas === 0) continue;
      const body = { metadata: { annotations: { [FENCED]: String(replicas) } }, spec: { replicas: 0 } };
      await this.call(`fence deployment ${namespace}/${name}`, () =>
        this.apps.patchNamespacedDeployment({ namespace, name, body }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
      scaled++;
    }
    return scaled;
  }

  async unfenceNamespace(namespace: string): Promise<number> {
    const list = await this.call(`list deployments in ${namespace}`, () => this.apps.listNamespacedDeployment({ namespace }));
    let restored = 0;
    for (const d of list.items) {
      const remembered = d.metadata?.annotations?.[FENCED];
      if (remembered === undefined) continue;
      const name = d.metadata?.name ?? '';
      const body = { metadata: { annotations: { [FENCED]: null } }, spec: { replicas: Number(remembered) } };
      await this.call(`unfence deployment ${namespace}/${name}`, () =>
        this.apps.patchNamespacedDeployment({ namespace, name, body }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)));
      restored++;
    }
    return restored;
  }

  async workloadReadiness(namespace: string): Promise<WorkloadReadiness> {
    const list = await this.call(`list deployments in ${namespace}`, () => this.apps.listNamespacedDeployment({ namespace }));
    const notReady = list.items.map(notReadyReason).filter((r): r is string => r !== undefined);
    return { namespace, deployments: list.items.length, available: list.items.length - notReady.length, notReady };
  }

  async setStorageLocationAccess(veleroNamespace: string, location: string, mode: 'ReadWrite' | 'ReadOnly'): Promise<void> {
    await this.call(`set storage location ${location} ${mode}`, () => this.custom.patchNamespacedCustomObject(
      { group: 'velero.io', version: 'v1', namespace: veleroNamespace, plural: 'backupstoragelocations', name: location, body: { spec: { accessMode: mode } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    ));
  }

  async pauseSchedules(veleroNamespace: string, paused: boolean): Promise<number> {
    const list = (await this.call('list schedules', () => this.custom.listNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: veleroNamespace, plural: 'schedules' }))) as { items: Array<{ metadata: { name: string }; spec?: { paused?: boolean } }> };
    const changing = list.items.filter((s) => (s.spec?.paused ?? false) !== paused);
    for (const s of changing) {
      await this.call(`${paused ? 'pause' : 'resume'} schedule ${s.metadata.name}`, () => this.custom.patchNamespacedCustomObject(
        { group: 'velero.io', version: 'v1', namespace: veleroNamespace, plural: 'schedules', name: s.metadata.name, body: { spec: { paused } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ));
    }
    return changing.length;
  }

  async namespaceExists(namespace: string): Promise<boolean> {
    try {
      const ns = await this.core.readNamespace({ name: namespace });
      return ns.status?.phase !== 'Terminating';
    } catch (error) {
      if ((error as { code?: number }).code === 404) return false;
      throw kubeError(error, `kubernetes/${this.region}`, `read namespace ${namespace}`);
    }
  }

  async namespacesNamed(prefix: string): Promise<string[]> {
    const list = await this.call('list namespaces', () => this.core.listNamespace());
    return list.items.map((n) => n.metadata?.name ?? '').filter((n) => n.startsWith(prefix));
  }

  async deleteNamespace(namespace: string): Promise<void> {
    try {
      await this.core.deleteNamespace({ name: namespace });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw kubeError(error, `kubernetes/${this.region}`, `delete namespace ${namespace}`);
    }
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw kubeError(error, `kubernetes/${this.region}`, operation);
    }
  }
}

/**
 * Why a Deployment is not ready, or undefined when it is. As `kubectl rollout status`: a status the
 * controller has not yet observed (a just-restored Deployment can carry its old region's status) says
 * nothing about this cluster.
 */
function notReadyReason(d: V1Deployment): string | undefined {
  const desired = d.spec?.replicas ?? 1;
  const available = d.status?.availableReplicas ?? 0;
  if (hasObservedSpec(d) && available >= desired) return undefined;
  return `${d.metadata?.name ?? '?'} (${hasObservedSpec(d) ? available : '?'}/${desired})`;
}

const hasObservedSpec = (d: V1Deployment): boolean => (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1);
