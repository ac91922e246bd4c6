import { Duration } from '../objectives/duration.js';

/**
 * How often a step may fail before the run fails, and how long to wait between attempts: exponential
 * backoff from `initialDelay`, multiplied by `factor` after each failure, capped at `maxDelay`.
 */
export interface RetryPolicy {
  /** Failed attempts allowed in total (1 = no retry). Attempts cut short by a crash do not count. */
  maxAttempts: number;
  initialDelay: Duration;
  maxDelay: Duration;
  factor: number;
}

/** A step that fails once and for all. */
export const noRetry: RetryPolicy = {
  maxAttempts: 1,
  initialDelay: Duration.zero,
  maxDelay: Duration.zero,
  factor: 1,
};

/**
 * The wait before the next attempt after `failures` failed attempts (failures >= 1).
 *
 * @example backoffDelay({ maxAttempts: 5, initialDelay: Duration.seconds(1), maxDelay: Duration.seconds(5), factor: 2 }, 3) // 4s
 */
export function backoffDelay(policy: RetryPolicy, failures: number): Duration {
  const raw = policy.initialDelay.toMilliseconds() * policy.factor ** Math.max(0, failures - 1);
  return Duration.milliseconds(Math.min(raw, policy.maxDelay.toMilliseconds()));
}

/** True when a step that has failed `failures` times may be tried again. */
export function hasAttemptsLeft(policy: RetryPolicy, failures: number): boolean {
  return failures < policy.maxAttempts;
}
