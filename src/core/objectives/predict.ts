import { PATTERNS, type PatternProfile } from '../plan/patterns.js';
import type { DRPlan } from '../plan/schema.js';
import type { Duration } from './duration.js';
import { criticalPathTotal, failoverPhases, type PhaseBudget } from './failover-phases.js';
import { predictRpo, type RpoPrediction } from './predict-rpo.js';
import { predictCost, type CostPrediction, type ResourceRequests } from './standby-cost.js';

export type { PhaseBudget } from './failover-phases.js';
export type { ResourceRequests } from './standby-cost.js';

/** How a predicted objective compares with the plan's target. */
export interface ObjectiveGap {
  objective: 'rto' | 'rpo';
  target: Duration;
  predicted: Duration;
  met: boolean;
  message: string;
}

/** What a plan should achieve if it runs as written: RTO by phase, RPO by schedule, cost, gaps. */
export interface Prediction {
  pattern: PatternProfile;
  rto: { total: Duration; phases: PhaseBudget[]; basis: 'budgets' | 'measured-drill' };
  rpo: RpoPrediction;
  cost: CostPrediction;
  gaps: ObjectiveGap[];
}

/** Results of a real drill, which outrank the budgets. */
export interface Measured {
  rto?: Duration;
  drillAt?: Date;
}

/**
 * Predicts RTO, RPO and cost for a plan and compares them with its objectives. RTO is the critical
 * path of the failover phases' budgets, or the RTO measured in a drill when given; RPO comes from
 * the backup schedules' real cron gaps; cost from resource requests when given, else the pattern.
 *
 * @example predictObjectives(plan).gaps.filter((g) => !g.met) // the objectives the plan misses
 */
export function predictObjectives(plan: DRPlan, measured?: Measured, resources?: ResourceRequests): Prediction {
  const phases = failoverPhases(plan);
  const rto = measured?.rto
    ? { total: measured.rto, phases, basis: 'measured-drill' as const }
    : { total: criticalPathTotal(phases), phases, basis: 'budgets' as const };
  const rpo = predictRpo(plan);
  return {
    pattern: PATTERNS[plan.spec.pattern],
    rto,
    rpo,
    cost: predictCost(plan.spec.pattern, resources),
    gaps: [rtoGap(plan, rto, measured?.drillAt), rpoGap(plan, rpo)],
  };
}

/** True when the predicted RTO is longer than the plan's RTO objective. */
export function exceedsRto(prediction: Prediction, plan: DRPlan): boolean {
  return prediction.rto.total.isLongerThan(plan.spec.objectives.rto);
}

/** True when the worst-case RPO is longer than the objective, or unbounded (a namespace has no schedule). */
export function exceedsRpo(prediction: Prediction, plan: DRPlan): boolean {
  return prediction.rpo.uncoveredNamespaces.length > 0 || prediction.rpo.worstCase.isLongerThan(plan.spec.objectives.rpo);
}

function rtoGap(plan: DRPlan, rto: Prediction['rto'], drillAt: Date | undefined): ObjectiveGap {
  const target = plan.spec.objectives.rto;
  const source = rto.basis === 'measured-drill' ? `measured RTO ${rto.total.toString()}${drillAt ? ` (drill of ${drillAt.toISOString()})` : ''}` : `predicted RTO ${rto.total.toString()}`;
  const met = !rto.total.isLongerThan(target);
  if (met) return { objective: 'rto', target, predicted: rto.total, met, message: `${source} fits the ${target.toString()} objective` };
  const longest = rto.phases.filter((p) => p.onCriticalPath).sort((a, b) => b.budget.compare(a.budget)).slice(0, 2);
  return {
    objective: 'rto', target, predicted: rto.total, met,
    message: `${source} exceeds the ${target.toString()} objective by ${rto.total.minus(target).toString()}; longest phases: ${longest.map((p) => `${p.phase} ${p.budget.toString()}`).join(', ')}`,
  };
}

function rpoGap(plan: DRPlan, rpo: RpoPrediction): ObjectiveGap {
  const target = plan.spec.objectives.rpo;
  const base = { objective: 'rpo' as const, target, predicted: rpo.worstCase };
  if (rpo.basis === 'none') {
    return { ...base, met: false, message: 'the plan has no valid backup schedule, so RPO is unbounded (in adopt mode, `posture` predicts it from the cluster\'s Schedules)' };
  }
  if (rpo.uncoveredNamespaces.length > 0) {
    return { ...base, met: false, message: `RPO is unbounded: no schedule backs up ${rpo.uncoveredNamespaces.join(', ')}` };
  }
  const from = rpo.basis === 'pattern-default' ? 'near-zero replication (pattern default)' : 'worst-case RPO';
  if (!rpo.worstCase.isLongerThan(target)) return { ...base, met: true, message: `${from} ${rpo.worstCase.toString()} fits the ${target.toString()} objective` };
  const worst = [...rpo.perSchedule].sort((a, b) => b.worstCase.compare(a.worstCase))[0];
  const detail = worst ? `; schedule ${worst.schedule}: ${worst.largestGap.toString()} between runs + ${worst.expectedDuration.toString()} per backup` : '';
  return { ...base, met: false, message: `${from} ${rpo.worstCase.toString()} exceeds the ${target.toString()} objective${detail}` };
}
