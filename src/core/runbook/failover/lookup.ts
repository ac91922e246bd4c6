import { StepFailure } from '../../errors.js';
import type { ClusterOperator } from '../../ports/cluster-operator.js';
import type { DRPlan, Region } from '../../plan/schema.js';

/** The plan's region by name; a StepFailure naming it when the runbook refers to one the plan lacks. */
export function regionOf(plan: DRPlan, name: string): Region {
  const r = plan.spec.regions.find((x) => x.name === name);
  if (!r) throw new StepFailure(name, `region ${name} is not in plan ${plan.metadata.name}`);
  return r;
}

/** The connection to a region's cluster; a StepFailure when none was wired. */
export function clusterOf(clusters: Readonly<Record<string, ClusterOperator>>, name: string): ClusterOperator {
  const c = clusters[name];
  if (!c) throw new StepFailure(name, `no cluster connection for region ${name}`);
  return c;
}
