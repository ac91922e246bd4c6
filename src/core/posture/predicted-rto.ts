import { predictObjectives } from '../objectives/predict.js';
import type { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { DrillRecord } from '../ports/drill-history.js';
import type { Finding } from './finding.js';
import type { PostureSnapshot } from './posture-snapshot.js';

/** Where a predicted RTO comes from. */
export interface RtoPrediction {
  rto: Duration;
  source: 'drill' | 'budgets';
  drillFinishedAt?: Date;
}

/**
 * The RTO to expect now: the one measured by the newest successful failover drill that measured one,
 * else the critical path of the plan's phase budgets (predictObjectives).
 *
 * @example predictRto(plan, []).source // 'budgets'
 */
export function predictRto(plan: DRPlan, drills: readonly DrillRecord[]): RtoPrediction {
  const measured = drills
    .filter((d) => d.kind === 'failover' && d.succeeded && d.measuredRto)
    .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
  const prediction = predictObjectives(plan, measured?.measuredRto ? { rto: measured.measuredRto, drillAt: measured.finishedAt } : undefined);
  const fromDrill = prediction.rto.basis === 'measured-drill';
  return { rto: prediction.rto.total, source: fromDrill ? 'drill' : 'budgets', ...(fromDrill && measured ? { drillFinishedAt: measured.finishedAt } : {}) };
}

/**
 * `rto.predicted` (info when within the objective) or `rto.predicted-exceeds` (error when a drill
 * measured more than the RTO, warning when only the budgets add up to more).
 */
export function checkPredictedRto(snapshot: PostureSnapshot): Finding[] {
  const { rto } = snapshot.plan.spec.objectives;
  const p = predictRto(snapshot.plan, snapshot.drills);
  const evidence = { predicted: p.rto.toString(), predictedSeconds: p.rto.toSeconds(), source: p.source, target: rto.toString(), drillFinishedAt: p.drillFinishedAt?.toISOString() ?? null };
  const from = p.source === 'drill' ? 'measured by the last failover drill' : 'from the phase budgets';
  if (!p.rto.isLongerThan(rto)) {
    return [{ id: 'rto.predicted', severity: 'info', field: 'spec.objectives.rto', message: `predicted RTO ${p.rto.toString()} (${from}) is within the ${rto.toString()} objective`, fix: 'nothing to do', evidence }];
  }
  return [{
    id: 'rto.predicted-exceeds', severity: p.source === 'drill' ? 'error' : 'warning', field: 'spec.objectives.rto',
    message: `predicted RTO ${p.rto.toString()} (${from}) is over the ${rto.toString()} objective`,
    fix: p.source === 'drill' ? 'find the slowest phase in the drill report and shorten it' : 'tighten spec.budgets, or run a failover drill to measure the real RTO',
    evidence,
  }];
}
