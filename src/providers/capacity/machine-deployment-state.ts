/** The fields of a Cluster API MachineDeployment Lifeboat reads (the same in v1beta1 and v1beta2). */
export interface MachineDeployment {
  metadata: { name: string; namespace?: string; generation?: number };
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; observedGeneration?: number };
}

/**
 * Whether a MachineDeployment has its `replicas` ready: the controller has seen the latest spec
 * (observedGeneration caught up with generation) and at least that many Machines are ready. A
 * controller that has not reported yet (no status) is not ready.
 *
 * @example hasReadyReplicas({ metadata: { name: 'w', generation: 2 }, spec: { replicas: 3 }, status: { observedGeneration: 2, readyReplicas: 3 } }, 3) // true
 */
export function hasReadyReplicas(md: MachineDeployment, replicas: number): boolean {
  const observed = md.status?.observedGeneration ?? 0;
  const caughtUp = md.metadata.generation === undefined || observed >= md.metadata.generation;
  return caughtUp && (md.status?.readyReplicas ?? 0) >= replicas;
}

/** `namespace/name=replicas ready/wanted`, for journal outputs and errors. */
export function describeMachineDeployment(md: MachineDeployment): string {
  return `${md.metadata.namespace ?? ''}/${md.metadata.name}: ${md.status?.readyReplicas ?? 0}/${md.spec?.replicas ?? 0} ready`;
}
