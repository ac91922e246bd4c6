import { setImmediate as macrotask } from 'node:timers/promises';
import type { Clock } from '../core/ports/clock.js';
import type { Duration } from '../core/objectives/duration.js';

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

/**
 * A Clock that moves only when told. `sleep` registers a timer; `advance` fires due timers in order;
 * `settle` drives a promise to its end by jumping to the next timer whenever nothing else can happen.
 *
 * @example const clock = new FakeClock(); const result = await clock.settle(runner.start(request));
 */
export class FakeClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private created = 0;

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.nowMs = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  sleep(duration: Duration, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer: Timer = { at: this.nowMs + duration.toMilliseconds(), order: this.created++, fire: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      } };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Pending sleeps. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `duration`, firing every timer that falls due, earliest first. */
  advance(duration: Duration): void {
    this.advanceTo(this.nowMs + duration.toMilliseconds());
  }

  private advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > targetMs) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fire();
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  private earliest(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
  }

  /**
   * Resolves with `promise`, moving time to the next timer each time everything else is idle.
   * Throws when the promise is stuck with no timer left, or after `maxJumps` jumps.
   */
  async settle<T>(promise: Promise<T>, maxJumps = 100_000): Promise<T> {
    let done = false;
    const watched = promise.finally(() => { done = true; });
    watched.catch(() => undefined);
    for (let jumps = 0; jumps <= maxJumps; jumps++) {
      await macrotask();
      if (done) return watched;
      const next = this.earliest();
      if (!next) throw new Error('FakeClock.settle: the promise waits for something other than time');
      this.advanceTo(next.at);
    }
    throw new Error(`FakeClock.settle: still pending after ${maxJumps} timer jumps`);
  }
}
