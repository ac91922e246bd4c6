import { Duration } from '../../objectives/duration.js';
import type { Clock } from '../../ports/clock.js';
import type { HttpProber } from '../../ports/http-prober.js';
import type { DRPlan } from '../../plan/schema.js';
import { regionOf } from './lookup.js';

/** Where a region serves the app: its ingress URL and the Host header the traffic record implies. */
export function ingressTarget(plan: DRPlan, regionName: string): { url: string; host: string } {
  const r = regionOf(plan, regionName);
  const port = r.ingress.port ? `:${r.ingress.port}` : '';
  return { url: `http://${r.ingress.address}${port}${r.ingress.path ?? '/'}`, host: r.ingress.host ?? plan.spec.traffic.record.replace(/\.$/, '') };
}

/**
 * Probes a target once a second for the window and counts failures: the error rate behind the
 * failover's watch step and failback's health gates. Each caller decides what rate is too high.
 */
export async function probeWindow(
  o: { prober: HttpProber; clock: Clock; target: { url: string; host: string } },
  windowSeconds: number,
  signal: AbortSignal,
): Promise<{ probes: number; failures: number }> {
  const until = o.clock.now().getTime() + windowSeconds * 1000;
  let probes = 0;
  let failures = 0;
  while (o.clock.now().getTime() < until) {
    const r = await o.prober.probe(o.target.url, { host: o.target.host, timeoutMs: 2000, signal });
    probes++;
    if (!r.ok) failures++;
    await o.clock.sleep(Duration.seconds(1), signal);
  }
  return { probes, failures };
}
