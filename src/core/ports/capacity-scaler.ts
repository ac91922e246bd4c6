import type { Json } from '../runbook/json.js';

/** Which size the plan's capacity should have: `active` serves production, `standby` idles cheaply. */
export type CapacityTarget = 'active' | 'standby';

/**
 * Adds or removes worker capacity in one region (a Cluster API MachineDeployment, a Karpenter
 * NodePool). Idempotent: capacity already at the target is left alone. `scale('active')` resolves
 * once the capacity is there (or right away when the tool provisions on demand); it rejects with the
 * signal's reason when the step's budget runs out first.
 *
 * @example await capacity.scale('active', { signal }) // { machineDeployment: 'capi/pilot-workers', replicas: 6, readyReplicas: 6 }
 */
export interface CapacityScaler {
  /** What was set and what the tool reports now, for the journal. */
  scale(target: CapacityTarget, options: { signal: AbortSignal }): Promise<Json>;
}
