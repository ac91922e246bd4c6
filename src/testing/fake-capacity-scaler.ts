import { Duration } from '../core/objectives/duration.js';
import type { CapacityScaler, CapacityTarget } from '../core/ports/capacity-scaler.js';
import type { Clock } from '../core/ports/clock.js';
import type { Json } from '../core/runbook/json.js';

/**
 * Worker capacity in memory, sized like a MachineDeployment: `scale` sets the size (counting real
 * changes in `patches`) and, for `active`, waits on the clock until the capacity is ready, `readyAfter`
 * after the change (a retry keeps waiting for the same capacity), so tests see the step take time and
 * honour its AbortSignal.
 */
export class FakeCapacityScaler implements CapacityScaler {
  size: number;
  patches = 0;
  readonly calls: CapacityTarget[] = [];
  /** How long new capacity takes to become ready. */
  readyAfter = Duration.seconds(30);
  private readyAt = 0;

  constructor(private readonly clock: Clock, private readonly sizes: Record<CapacityTarget, number>, start: CapacityTarget = 'standby') {
    this.size = sizes[start];
  }

  async scale(target: CapacityTarget, options: { signal: AbortSignal }): Promise<Json> {
    this.calls.push(target);
    const wanted = this.sizes[target];
    if (this.size !== wanted) {
      this.size = wanted;
      this.patches++;
      this.readyAt = this.clock.now().getTime() + this.readyAfter.toMilliseconds();
    }
    const left = this.readyAt - this.clock.now().getTime();
    if (target === 'active' && left > 0) await this.clock.sleep(Duration.milliseconds(left), options.signal);
    return { replicas: wanted, readyReplicas: wanted };
  }
}
