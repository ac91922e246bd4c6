import { Duration } from '../objectives/duration.js';
import type { Prediction } from '../objectives/predict.js';

/** The seed runbook's steps. */
export type RunbookStep = 'confirm' | 'activate' | 'switchTraffic' | 'communicate';

type Phase = Prediction['rto']['phases'][number];

/** Which runbook step each predicted phase belongs to; phases not listed belong to `activate`. */
const STEP_OF_PHASE: Readonly<Record<string, RunbookStep>> = {
  confirm: 'confirm',
  declare: 'confirm',
  switchTraffic: 'switchTraffic',
  watch: 'switchTraffic',
  notify: 'communicate',
};

/**
 * Time budget per runbook step from the predicted phases: phases in sequence add up, and phases that
 * share a parallel `group` count once, at the longest of them.
 *
 * @example stepBudgets(prediction).activate.toString() // '8m'
 */
export function stepBudgets(prediction: Prediction): Record<RunbookStep, Duration> {
  const byStep: Record<RunbookStep, Phase[]> = { confirm: [], activate: [], switchTraffic: [], communicate: [] };
  for (const phase of prediction.rto.phases) byStep[stepOf(phase)].push(phase);
  return {
    confirm: elapsed(byStep.confirm),
    activate: elapsed(byStep.activate),
    switchTraffic: elapsed(byStep.switchTraffic),
    communicate: elapsed(byStep.communicate),
  };
}

/** The runbook step a predicted phase belongs to. */
export function stepOf(phase: Pick<Phase, 'phase'>): RunbookStep {
  return STEP_OF_PHASE[String(phase.phase)] ?? 'activate';
}

function elapsed(phases: readonly Phase[]): Duration {
  const groups = new Map<string, Duration>();
  let sequential = Duration.zero;
  for (const p of phases) {
    if (p.group === undefined) sequential = sequential.plus(p.budget);
    else groups.set(p.group, Duration.max(groups.get(p.group) ?? Duration.zero, p.budget));
  }
  return Duration.sum([sequential, ...groups.values()]);
}
