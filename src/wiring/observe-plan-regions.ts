import { observeRegions, type RegionView } from '../core/drills/observe-regions.js';
import type { DRPlan } from '../core/plan/schema.js';

/**
 * What each of the plan's regions holds now (inventory and backup catalog; an unreachable region says
 * so), read without changing anything: the tabletop and `failover --dry-run` show it beside each step.
 * The cluster SDKs load only when this is called.
 */
export async function observePlanRegions(plan: DRPlan, o: { kubeconfig?: string; env: NodeJS.ProcessEnv }): Promise<RegionView[]> {
  const { postureSources } = await import('./posture-sources.js');
  return observeRegions(plan, postureSources(plan, { kubeconfig: o.kubeconfig, env: o.env }));
}
