import type { DRPlan } from '../plan/schema.js';
import { boundedMap } from './bounded-map.js';
import { evaluatePosture } from './evaluate-posture.js';
import type { Finding } from './finding.js';
import { gatherPosture, type GatherError, type PostureSources } from './gather-posture.js';
import { summarizePosture, type PostureSummary } from './posture-summary.js';

/** One plan's posture: its findings (worst first) and the figures behind them. */
export interface PlanPosture {
  file: string;
  plan: string;
  findings: Finding[];
  summary: PostureSummary;
}

/** A plan and the file it came from. */
export interface PlanSource {
  file: string;
  plan: DRPlan;
}

/**
 * Assesses many plans, at most `concurrency` at a time (and as many regions per plan). A plan whose
 * clusters cannot be reached still gets its findings; what could not be read lands in `errors`.
 *
 * @example const { results, errors } = await assessPlans(plans, (p) => postureSources(p), 4)
 */
export async function assessPlans(
  plans: readonly PlanSource[],
  sourcesFor: (plan: DRPlan) => PostureSources,
  concurrency = 4,
): Promise<{ results: PlanPosture[]; errors: GatherError[] }> {
  const settled = await boundedMap(plans, concurrency, async ({ file, plan }) => {
    const { snapshot, errors } = await gatherPosture(plan, sourcesFor(plan), concurrency);
    const findings = evaluatePosture(snapshot);
    return { result: { file, plan: plan.metadata.name, findings, summary: summarizePosture(snapshot, findings) }, errors };
  });
  return { results: settled.map((s) => s.result), errors: settled.flatMap((s) => s.errors) };
}
