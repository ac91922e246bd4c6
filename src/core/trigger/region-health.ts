import type { ClusterOperator } from '../ports/cluster-operator.js';
import type { HttpProber } from '../ports/http-prober.js';
import type { DRPlan, Region } from '../plan/schema.js';

export type HealthCheck = {
  check: string;
  ok: boolean;
  detail?: string | number;
};

/** One look at a region from every vantage point: its apiserver and each health endpoint. */
export interface RegionHealth {
  region: string;
  at: Date;
  failing: number;
  total: number;
  /** Vantage points that saw at least one of the region's health endpoints fail. */
  vantagePointsDown: number;
  checks: HealthCheck[];
}

/**
 * Probes a region the way the trigger counts: the apiserver once, each health endpoint from each
 * vantage point. The failover's confirm step and the outage watcher both judge from this.
 */
export async function regionHealth(o: { region: Region; cluster: ClusterOperator; probers: readonly HttpProber[]; now: () => Date }): Promise<RegionHealth> {
  const apiserverUp = await o.cluster.isReachable(3000);
  const probes = await Promise.all(o.probers.flatMap((p) => o.region.healthEndpoints.map(async (url) => ({ vantagePoint: p.vantagePoint, ...(await p.probe(url, { timeoutMs: 3000 })) }))));
  const down = new Set(probes.filter((p) => !p.ok).map((p) => p.vantagePoint));
  return {
    region: o.region.name,
    at: o.now(),
    failing: probes.filter((p) => !p.ok).length + (apiserverUp ? 0 : 1),
    total: probes.length + 1,
    vantagePointsDown: down.size,
    checks: [{ check: 'apiserver', ok: apiserverUp }, ...probes.map((p) => ({ check: `${p.vantagePoint} ${p.url}`, ok: p.ok, detail: p.status ?? p.error ?? '' }))],
  };
}

/** True when a look meets the plan's trigger: enough failing checks, from enough vantage points. */
export function looksDown(plan: DRPlan, h: RegionHealth): boolean {
  const t = plan.spec.trigger;
  const endpointsProbed = h.total > 1;
  const quorum = endpointsProbed ? h.vantagePointsDown >= Math.min(t.quorum, h.total - 1) : true;
  return h.failing >= Math.min(t.failingChecks, h.total) && quorum;
}
