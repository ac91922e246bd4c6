import { StepFailure } from '../core/errors.js';
import { Duration } from '../core/objectives/duration.js';
import type { Clock } from '../core/ports/clock.js';
import type { CompensationContext, StepContext, StepExecutor } from '../core/ports/step-executor.js';
import type { Json } from '../core/runbook/json.js';
import type { StepNode } from '../core/runbook/runbook.js';

/** What one call of a step does: succeed, fail (retryable or not), or take `takes` of clock time first. */
export type ScriptedOutcome =
  | { ok: Json; takes?: Duration }
  | { fail: string; retryable?: boolean; takes?: Duration };

export interface ExecutorCall {
  step: string;
  attempt: number;
  /** Why the step's signal was aborted, if it was. */
  abortedWith: string | undefined;
}

/**
 * A hand-written StepExecutor for tests: each step follows its script call by call (after the script
 * ends it succeeds with `"done"`). Waits use the given clock and honour the AbortSignal like a real
 * step. Every call and compensation is recorded, in order.
 */
export class ScriptedStepExecutor implements StepExecutor {
  readonly calls: ExecutorCall[] = [];
  readonly compensations: string[] = [];
  private readonly failCompensation: Set<string>;

  constructor(
    private readonly clock: Clock,
    private readonly script: Readonly<Record<string, readonly ScriptedOutcome[]>> = {},
    options: { failCompensation?: readonly string[] } = {},
  ) {
    this.failCompensation = new Set(options.failCompensation ?? []);
  }

  async execute(step: StepNode, context: StepContext): Promise<Json> {
    const call: ExecutorCall = { step: step.id, attempt: context.attempt, abortedWith: undefined };
    this.calls.push(call);
    context.signal.addEventListener('abort', () => { call.abortedWith = String((context.signal.reason as Error)?.message); }, { once: true });
    const nth = this.calls.filter((c) => c.step === step.id).length - 1;
    const outcome = this.script[step.id]?.[nth] ?? { ok: 'done' };
    if (outcome.takes) await this.clock.sleep(outcome.takes, context.signal);
    if ('ok' in outcome) return outcome.ok;
    throw outcome.retryable === false ? new StepFailure(step.id, outcome.fail) : new Error(outcome.fail);
  }

  async compensate(step: StepNode & { compensate: string }, context: CompensationContext): Promise<void> {
    await this.clock.sleep(Duration.milliseconds(1), context.signal);
    this.compensations.push(step.id);
    if (this.failCompensation.has(step.id)) throw new Error(`cannot ${step.compensate}`);
  }

  /** How many times `step` was executed. */
  executions(step: string): number {
    return this.calls.filter((c) => c.step === step).length;
  }
}
