/** A namespace and its labels, for coverage checks (globs, label selectors). */
export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
}

/** A PersistentVolumeClaim: data that a backup without volumes would lose. */
export interface PvcInfo {
  namespace: string;
  name: string;
  storageClass?: string;
  /** The PVC's labels: a Schedule with a label selector backs up only matching PVCs. */
  labels?: Record<string, string>;
}

/** How many objects of one workload kind live in a namespace. */
export interface WorkloadCount {
  namespace: string;
  /** `group/version/Kind` as Velero's resource list spells it, e.g. `apps/v1/Deployment`. */
  kind: string;
  count: number;
}

/** What a node offers the scheduler. */
export interface NodeCapacity {
  name: string;
  cpuMillis: number;
  memoryBytes: number;
  schedulable: boolean;
}

/** The sum of the resource requests of the pods in one namespace. */
export interface NamespaceRequests {
  namespace: string;
  cpuMillis: number;
  memoryBytes: number;
}

/** A CustomResourceDefinition, by API group and kind. */
export interface CrdInfo {
  name: string;
  group: string;
  kind: string;
}

/** One region's cluster as it is now. */
export interface ClusterInventory {
  namespaces: NamespaceInfo[];
  pvcs: PvcInfo[];
  workloads: WorkloadCount[];
  nodes: NodeCapacity[];
  requests: NamespaceRequests[];
  crds: CrdInfo[];
}

/** Whether the cluster's API answered, and how fast. */
export type Reachability = { reachable: true; latencyMs: number } | { reachable: false; reason: string };

/**
 * Reads one cluster (one kubeconfig context): what runs there and what it could run. Read-only.
 */
export interface KubernetesInventory {
  /** Asks the API server for its version within a short timeout; never throws. */
  probe(): Promise<Reachability>;
  /** Lists namespaces, PVCs, workloads, nodes, pod requests and CRDs; throws ProviderError when unreachable. */
  inventory(): Promise<ClusterInventory>;
}
