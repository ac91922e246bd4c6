import { Duration } from '../objectives/duration.js';
import { failoverPhases } from '../objectives/failover-phases.js';
import type { DRPlan } from '../plan/schema.js';
import type { RunbookNode } from '../runbook/runbook.js';
import type { TabletopAnswer } from './tabletop-answers.js';
import type { TabletopStep } from './tabletop-steps.js';

/** Why a step needs attention after the tabletop. */
export type TabletopFlag = 'no-owner' | 'over-budget';

export interface TabletopRow {
  step: TabletopStep;
  /** Undefined when the tabletop ended before the step was answered. */
  answer?: TabletopAnswer;
  flags: TabletopFlag[];
}

export interface TabletopSummary {
  rows: TabletopRow[];
  /** Every step answered. */
  complete: boolean;
  /** The estimates along the runbook's critical path (unanswered steps count at their budget). */
  estimatedRto: Duration;
  /** The budgets along the same path. */
  budgetedRto: Duration;
  objective: Duration;
  exceedsObjective: boolean;
  unowned: string[];
  overBudget: string[];
  /** Complete, every step owned and the estimated RTO within the objective. */
  succeeded: boolean;
}

/**
 * A step's flags: nobody owns it, or its estimate is longer than its budget.
 *
 * @example flagsOf(step, { owner: null, estimate: Duration.minutes(9), notes: '', discussedMs: 0 }) // ['no-owner', 'over-budget'] for a 5m budget
 */
export function flagsOf(step: Pick<TabletopStep, 'budget'>, answer: TabletopAnswer): TabletopFlag[] {
  const flags: TabletopFlag[] = [];
  if (answer.owner === null) flags.push('no-owner');
  if (answer.estimate.isLongerThan(step.budget)) flags.push('over-budget');
  return flags;
}

/**
 * What the tabletop found: flags per step and the estimated RTO against the plan's objective. The
 * estimate adds up along the runbook the way the prediction does: steps in sequence add, a parallel
 * block costs its longest step, and phases off the critical path (notify; declare under automatic
 * failover) do not count.
 */
export function summarizeTabletop(plan: DRPlan, runbook: RunbookNode, steps: readonly TabletopStep[], answers: ReadonlyMap<string, TabletopAnswer>): TabletopSummary {
  const rows = steps.map((step): TabletopRow => {
    const answer = answers.get(step.id);
    return answer ? { step, answer, flags: flagsOf(step, answer) } : { step, flags: [] };
  });
  const offPath = new Set(failoverPhases(plan).filter((p) => !p.onCriticalPath).map((p) => String(p.phase)));
  const byId = new Map(steps.map((s) => [s.id, s]));
  const along = (pick: (step: TabletopStep) => Duration): Duration => pathTotal(runbook, (id) => {
    const step = byId.get(id);
    return step && !offPath.has(step.phase) ? pick(step) : Duration.zero;
  });
  const estimatedRto = along((s) => answers.get(s.id)?.estimate ?? s.budget);
  const objective = plan.spec.objectives.rto;
  const complete = rows.every((r) => r.answer !== undefined);
  const unowned = rows.filter((r) => r.flags.includes('no-owner')).map((r) => r.step.id);
  const overBudget = rows.filter((r) => r.flags.includes('over-budget')).map((r) => r.step.id);
  const exceedsObjective = estimatedRto.isLongerThan(objective);
  return {
    rows, complete, estimatedRto, budgetedRto: along((s) => s.budget), objective, exceedsObjective, unowned, overBudget,
    succeeded: complete && unowned.length === 0 && !exceedsObjective,
  };
}

/** Sequences add up, parallel blocks cost their longest child. */
function pathTotal(node: RunbookNode, cost: (id: string) => Duration): Duration {
  if (node.kind === 'step' || node.kind === 'gate') return cost(node.id);
  const parts = node.children.map((c) => pathTotal(c, cost));
  return node.kind === 'parallel' ? Duration.max(...parts) : Duration.sum(parts);
}
