import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../core/ports/clock.js';
import type { Duration } from '../../core/objectives/duration.js';

/** Wall-clock time and real timers. */
export class SystemClock implements Clock {
  static fromConfig(): SystemClock {
    return new SystemClock();
  }

  now(): Date {
    return new Date();
  }

  async sleep(duration: Duration, signal?: AbortSignal): Promise<void> {
    await delay(duration.toMilliseconds(), undefined, signal ? { signal } : {});
  }
}
