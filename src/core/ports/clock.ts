import type { Duration } from '../objectives/duration.js';

/** The runbook engine's only source of time, so tests can move it by hand. */
export interface Clock {
  now(): Date;
  /** Resolves after `duration`; rejects with the signal's reason when `signal` aborts first. */
  sleep(duration: Duration, signal?: AbortSignal): Promise<void>;
}
