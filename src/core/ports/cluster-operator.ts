export interface WorkloadReadiness {
  namespace: string;
  deployments: number;
  available: number;
  /** `name (ready/desired)` for each Deployment not yet Available. */
  notReady: string[];
}

/** The acts a runbook does on one region's cluster. Each is idempotent. */
export interface ClusterOperator {
  /** True when the apiserver answers within the timeout. */
  isReachable(timeoutMs: number): Promise<boolean>;
  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void>;
  /**
   * Scales every Deployment in the namespace to 0, remembering each one's replicas in an annotation
   * (`lifeboat.dev/fenced-replicas`) so failback can put them back; returns how many it scaled.
   */
  fenceNamespace(namespace: string): Promise<number>;
  /** Puts back the replicas `fenceNamespace` remembered; returns how many it restored. */
  unfenceNamespace(namespace: string): Promise<number>;
  workloadReadiness(namespace: string): Promise<WorkloadReadiness>;
  /** Sets a Velero BackupStorageLocation's accessMode (ReadOnly fences a returning primary's writes). */
  setStorageLocationAccess(veleroNamespace: string, location: string, mode: 'ReadWrite' | 'ReadOnly'): Promise<void>;
  /** Pauses (or resumes) every Velero Schedule in the namespace; returns how many changed. */
  pauseSchedules(veleroNamespace: string, paused: boolean): Promise<number>;
  namespaceExists(namespace: string): Promise<boolean>;
  /** Names of the namespaces whose name starts with `prefix` (component drills find their leftover scratch namespaces). */
  namespacesNamed(prefix: string): Promise<string[]>;
  /** Deletes the namespace (nothing when absent); resolves once the delete is accepted, not when it is gone. */
  deleteNamespace(namespace: string): Promise<void>;
}
