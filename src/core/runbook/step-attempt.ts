import { StepFailure } from '../errors.js';
import type { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { StepExecutor } from '../ports/step-executor.js';
import type { Json } from './json.js';
import type { EntryDraft } from './journal-entry.js';
import type { StepStart } from './progress.js';
import { backoffDelay, hasAttemptsLeft } from './retry-policy.js';
import { withBudget } from './with-budget.js';

export interface AttemptContext {
  executor: StepExecutor;
  clock: Clock;
  runId: string;
  outputs: Readonly<Record<string, Json>>;
  /** Aborts the attempt when the run is aborted or rolled back. */
  signal: AbortSignal;
  grace: Duration;
}

/**
 * Runs one attempt of a step within its budget and returns the entries that record its end:
 * step-succeeded; or step-failed / step-timed-out, followed by step-retry-scheduled when a retry is left.
 */
export async function runAttempt(start: StepStart, context: AttemptContext): Promise<EntryDraft[]> {
  const { step, attempt } = start;
  const result = await withBudget(
    (signal) => context.executor.execute(step, { runId: context.runId, attempt, signal, input: step.input, journalOutputsSoFar: context.outputs }),
    { clock: context.clock, budget: step.budget, grace: context.grace, outer: context.signal },
  );
  if (result.kind === 'ok') return [{ kind: 'step-succeeded', step: step.id, attempt, output: result.value ?? null }];
  const failed: EntryDraft = result.kind === 'timeout'
    ? { kind: 'step-timed-out', step: step.id, attempt, budgetMs: step.budget.toMilliseconds() }
    : { kind: 'step-failed', step: step.id, attempt, error: messageOf(result.error), retryable: isRetryable(result.error) };
  return [failed, ...retryDrafts(start, failed, context.clock)];
}

/** The retry notice, when this failure leaves the step another attempt. `failures` counts this one. */
function retryDrafts({ step, attempt, failures: before }: StepStart, failed: EntryDraft, clock: Clock): EntryDraft[] {
  if (failed.kind === 'step-failed' && !failed.retryable) return [];
  const failures = before + 1;
  if (!hasAttemptsLeft(step.retry, failures)) return [];
  const delay = backoffDelay(step.retry, failures);
  const until = new Date(clock.now().getTime() + delay.toMilliseconds()).toISOString();
  return [{ kind: 'step-retry-scheduled', step: step.id, attempt, delayMs: delay.toMilliseconds(), until }];
}

/**
 * An error's own `retryable` flag decides when it has one (a StepFailure may say a new attempt could
 * succeed, as a Restore cut short by its cluster does); otherwise StepFailure is permanent and
 * anything else may be retried.
 */
export function isRetryable(error: unknown): boolean {
  const flag = (error as { retryable?: unknown } | null)?.retryable;
  if (typeof flag === 'boolean') return flag;
  return !(error instanceof StepFailure);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
