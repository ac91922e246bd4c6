import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { HttpProber, ProbeResult } from '../ports/http-prober.js';
import type { DRPlan } from '../plan/schema.js';

export type SmokeCheck = DRPlan['spec']['drills']['smokeChecks'][number];

export interface SmokeResult {
  name: string;
  url: string;
  host: string;
  passed: boolean;
  status: number | null;
  detail: string;
}

/**
 * The smoke checks a drill runs. A component drill of `namespace` runs the path checks tagged with that
 * namespace (a `url` check points at the live platform, not at a scratch copy); a whole-platform drill
 * (no namespace) runs every check.
 */
export function smokeChecksFor(plan: DRPlan, namespace?: string): SmokeCheck[] {
  const checks = plan.spec.drills.smokeChecks;
  if (namespace === undefined) return checks;
  return checks.filter((c) => c.namespace === namespace && c.url === undefined);
}

/**
 * Probes until the expected status answers or the settle window (default 10 s, once a second) ends: an
 * ingress takes a moment to route to endpoints that just became ready.
 */
async function probeUntil(o: SmokeOptions, t: { url: string; host: string | undefined; expect: number }): Promise<ProbeResult> {
  const attempts = o.clock ? (o.settleSeconds ?? 10) : 1;
  let r = await o.prober.probe(t.url, { host: t.host, timeoutMs: 5000, signal: o.signal });
  for (let i = 1; i < attempts && r.status !== t.expect; i++) {
    await o.clock?.sleep(Duration.seconds(1), o.signal);
    r = await o.prober.probe(t.url, { host: t.host, timeoutMs: 5000, signal: o.signal });
  }
  return r;
}

export interface SmokeOptions {
  prober: HttpProber;
  target: { url: string; host: string };
  hostPrefix?: string;
  signal?: AbortSignal;
  /** With a clock, a failing check is re-probed once a second for `settleSeconds` (default 10); without, probed once. */
  clock?: Clock;
  settleSeconds?: number;
}

/**
 * Probes each check through the region's ingress (path checks) or at its URL. With `hostPrefix`,
 * the Host header becomes `<hostPrefix>.<host>`: how a component drill reaches its scratch namespace
 * through a wildcard ingress route.
 */
export async function runSmokeChecks(checks: readonly SmokeCheck[], o: SmokeOptions): Promise<SmokeResult[]> {
  const base = new URL(o.target.url);
  const host = o.hostPrefix ? `${o.hostPrefix}.${o.target.host}` : o.target.host;
  const results: SmokeResult[] = [];
  for (const c of checks) {
    const url = c.url ?? new URL(c.path ?? '/', base).toString();
    const r = await probeUntil(o, { url, host: c.url ? undefined : host, expect: c.expectStatus });
    const passed = r.status === c.expectStatus;
    const detail = r.status === undefined ? (r.error ?? 'no answer') : `HTTP ${r.status}, expected ${c.expectStatus}`;
    results.push({ name: c.name, url, host: c.url ? new URL(c.url).host : host, passed, status: r.status ?? null, detail });
  }
  return results;
}
