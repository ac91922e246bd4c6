import type { Json } from '../runbook/json.js';
import type { StepNode } from '../runbook/runbook.js';

export interface StepContext {
  runId: string;
  /** 1 for the first attempt; a re-start after a crash or a retry gets the next number. */
  attempt: number;
  /** Aborted when the step's budget runs out or the run is aborted: stop and reject promptly. */
  signal: AbortSignal;
  input: Json | undefined;
  /** Outputs of the steps that succeeded so far, by step id. */
  journalOutputsSoFar: Readonly<Record<string, Json>>;
}

export interface CompensationContext {
  runId: string;
  signal: AbortSignal;
  /** The step's output when it succeeded; undefined when it was interrupted and may have acted partly. */
  output: Json | undefined;
}

/**
 * Does the side effects of runbook steps. Every step must be idempotent (look before acting: a Restore
 * already created is found, not created twice), since a step cut short by a crash is run again.
 * Throw StepFailure (or an error with `retryable: false`) for failures a retry cannot fix.
 */
export interface StepExecutor {
  execute(step: StepNode, context: StepContext): Promise<Json>;
  /** Undoes a succeeded step with its `compensate` action; must be idempotent too. */
  compensate(step: StepNode & { compensate: string }, context: CompensationContext): Promise<void>;
}
