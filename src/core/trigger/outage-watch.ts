import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { DRPlan } from '../plan/schema.js';
import { looksDown, type RegionHealth } from './region-health.js';

/** When the trigger fired: the region had looked down without a break since `downSince`. */
export interface OutageDetection {
  region: string;
  downSince: Date;
  detectedAt: Date;
  looks: number;
}

/**
 * Folds looks at a region into the trigger's verdict: detected once every look since `downSince` met
 * the trigger and `unreachableFor` has passed since then. A healthy look resets the clock.
 *
 * @example outageVerdict(plan, looks) // { downSince, detectedAt } once down for spec.trigger.unreachableFor
 */
export function outageVerdict(plan: DRPlan, looks: readonly RegionHealth[]): { downSince?: Date; detected: boolean } {
  let downSince: Date | undefined;
  for (const h of looks) downSince = looksDown(plan, h) ? (downSince ?? h.at) : undefined;
  const last = looks.at(-1);
  const detected = !!downSince && !!last && last.at.getTime() - downSince.getTime() >= plan.spec.trigger.unreachableFor.toMilliseconds();
  return { downSince, detected };
}

/**
 * Watches a region until the plan's trigger fires (the outage has lasted `unreachableFor`), looking
 * every `interval`. Returns when detected; the AbortSignal ends the watch.
 */
export async function watchForOutage(o: {
  plan: DRPlan;
  look: () => Promise<RegionHealth>;
  clock: Clock;
  interval?: Duration;
  signal?: AbortSignal;
  onLook?: (h: RegionHealth, verdict: { downSince?: Date; detected: boolean }) => void;
}): Promise<OutageDetection> {
  const looks: RegionHealth[] = [];
  for (;;) {
    const h = await o.look();
    looks.push(h);
    if (looks.length > 1000) looks.splice(0, looks.length - 1000);
    const verdict = outageVerdict(o.plan, looks);
    o.onLook?.(h, verdict);
    if (verdict.detected && verdict.downSince) return { region: h.region, downSince: verdict.downSince, detectedAt: h.at, looks: looks.length };
    await o.clock.sleep(o.interval ?? Duration.seconds(5), o.signal);
  }
}
