import type { ReactElement } from 'react';
import { formatSeconds } from '../format';
import type { NodeProgress } from '../run/live-elapsed';

/**
 * Elapsed against budget as a bar: empty before the step starts, filling while it runs (striped),
 * green when it ended within budget, red once it is over budget.
 */
export function BudgetBar({ progress, budgetSeconds, label }: { progress: NodeProgress; budgetSeconds: number; label: string }): ReactElement {
  const state = progress.over ? 'over' : progress.running ? 'running' : progress.elapsedSeconds === null ? 'pending' : 'done';
  const words = progress.elapsedSeconds === null ? `not started · budget ${formatSeconds(budgetSeconds)}` : `${formatSeconds(progress.elapsedSeconds)} of ${formatSeconds(budgetSeconds)}${progress.over ? ' — OVER BUDGET' : ''}`;
  return (
    <div className={`budget budget-${state}`} data-state={state} data-fill={progress.fill.toFixed(3)} title={`${label}: ${words}`}>
      <div className="budget-track" role="progressbar" aria-valuemin={0} aria-valuemax={budgetSeconds} aria-valuenow={progress.elapsedSeconds ?? 0} aria-label={label}>
        <div className="budget-fill" style={{ width: `${(progress.fill * 100).toFixed(1)}%` }} />
      </div>
      <span className="budget-words">{words}</span>
    </div>
  );
}
