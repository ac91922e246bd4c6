import { ApiextensionsV1Api, AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { ProviderError } from '../../core/errors.js';
import type { ClusterInventory, KubernetesInventory, NamespaceRequests, Reachability, WorkloadCount } from '../../core/ports/kubernetes-inventory.js';
import { loadKubeConfig } from './load-kube-config.js';
import { parseQuantity } from './parse-quantity.js';
import { probeApiServer } from './probe-api-server.js';

/** Which cluster to read: a kubeconfig context, and how long a probe may take. */
export interface KubernetesInventoryConfig {
  context: string;
  /** Path to the kubeconfig; default $KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  probeTimeoutMs?: number;
}

/**
 * One cluster's inventory through the Kubernetes API (client-node), one client per context.
 * Lists are cluster-wide (one call per resource type), so the cost does not grow with namespaces.
 */
export class KubernetesApiInventory implements KubernetesInventory {
  constructor(private readonly kc: KubeConfig, private readonly probeTimeoutMs: number) {}

  static fromConfig(config: KubernetesInventoryConfig): KubernetesApiInventory {
    return new KubernetesApiInventory(loadKubeConfig(config), config.probeTimeoutMs ?? 3000);
  }

  probe(): Promise<Reachability> {
    return probeApiServer(this.kc, this.probeTimeoutMs);
  }

  async inventory(): Promise<ClusterInventory> {
    const core = this.kc.makeApiClient(CoreV1Api);
    const apps = this.kc.makeApiClient(AppsV1Api);
    const batch = this.kc.makeApiClient(BatchV1Api);
    const ext = this.kc.makeApiClient(ApiextensionsV1Api);
    try {
      const [namespaces, pvcs, nodes, pods, deployments, statefulSets, daemonSets, cronJobs, crds] = await Promise.all([
        core.listNamespace(), core.listPersistentVolumeClaimForAllNamespaces(), core.listNode(), core.listPodForAllNamespaces(),
        apps.listDeploymentForAllNamespaces(), apps.listStatefulSetForAllNamespaces(), apps.listDaemonSetForAllNamespaces(),
        batch.listCronJobForAllNamespaces(), ext.listCustomResourceDefinition(),
      ]);
      return {
        namespaces: namespaces.items.map((n) => ({ name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {} })),
        pvcs: pvcs.items.map((p) => ({ namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '', labels: p.metadata?.labels ?? {}, ...(p.spec?.storageClassName ? { storageClass: p.spec.storageClassName } : {}) })),
        nodes: nodes.items.map((n) => ({ name: n.metadata?.name ?? '', cpuMillis: Math.round(parseQuantity(n.status?.allocatable?.cpu) * 1000), memoryBytes: parseQuantity(n.status?.allocatable?.memory), schedulable: n.spec?.unschedulable !== true })),
        requests: requestsByNamespace(pods.items),
        workloads: [
          ...countByNamespace('apps/v1/Deployment', deployments.items), ...countByNamespace('apps/v1/StatefulSet', statefulSets.items),
          ...countByNamespace('apps/v1/DaemonSet', daemonSets.items), ...countByNamespace('batch/v1/CronJob', cronJobs.items),
        ],
        crds: crds.items.map((c) => ({ name: c.metadata?.name ?? '', group: c.spec.group, kind: c.spec.names.kind })),
      };
    } catch (error) {
      throw new ProviderError(`listing cluster inventory in context ${this.kc.getCurrentContext()} failed: ${(error as Error).message}`, { provider: 'kubernetes', operation: 'inventory', retryable: true, cause: error });
    }
  }
}

function countByNamespace(kind: string, items: ReadonlyArray<{ metadata?: { namespace?: string } }>): WorkloadCount[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.metadata?.namespace ?? '', (counts.get(item.metadata?.namespace ?? '') ?? 0) + 1);
  return [...counts].map(([namespace, count]) => ({ namespace, kind, count }));
}

/** Requests of pods that hold or will hold resources (finished pods release theirs). */
function requestsByNamespace(pods: readonly V1Pod[]): NamespaceRequests[] {
  const out = new Map<string, NamespaceRequests>();
  for (const pod of pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) {
    const ns = pod.metadata?.namespace ?? '';
    const entry = out.get(ns) ?? { namespace: ns, cpuMillis: 0, memoryBytes: 0 };
    const own = podRequests(pod);
    entry.cpuMillis += own.cpuMillis;
    entry.memoryBytes += own.memoryBytes;
    out.set(ns, entry);
  }
  return [...out.values()];
}

function podRequests(pod: V1Pod): { cpuMillis: number; memoryBytes: number } {
  const requests = (pod.spec?.containers ?? []).map((c) => c.resources?.requests ?? {});
  return {
    cpuMillis: requests.reduce((n, r) => n + Math.round(parseQuantity(r.cpu) * 1000), 0),
    memoryBytes: requests.reduce((n, r) => n + parseQuantity(r.memory), 0),
  };
}
