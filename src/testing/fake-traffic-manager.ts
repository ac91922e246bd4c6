import { ProviderError } from '../core/errors.js';
import type { Duration } from '../core/objectives/duration.js';
import type { TrafficManager, TrafficState } from '../core/ports/traffic-manager.js';

/** A DNS record in memory; `failNext` makes the next N writes fail like an API answering 500. */
export class FakeTrafficManager implements TrafficManager {
  state: TrafficState | undefined;
  failNext = 0;
  writes = 0;

  constructor(initial: TrafficState) {
    this.state = initial;
  }

  current(): Promise<TrafficState | undefined> {
    return Promise.resolve(this.state);
  }

  pointTo(targets: readonly string[], ttl: Duration): Promise<void> {
    return this.write(() => { this.state = { targets: [...targets], ttl }; });
  }

  weigh(weights: Readonly<Record<string, number>>, ttl: Duration): Promise<void> {
    return this.write(() => { this.state = { targets: Object.keys(weights).filter((t) => (weights[t] ?? 0) > 0), ttl, weights: { ...weights } }; });
  }

  private write(apply: () => void): Promise<void> {
    this.writes++;
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new ProviderError('DNS API answered HTTP 500', { provider: 'fake-dns', operation: 'PATCH', retryable: true, status: 500 }));
    }
    apply();
    return Promise.resolve();
  }
}
