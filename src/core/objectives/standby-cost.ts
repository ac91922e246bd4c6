import { InputError } from '../errors.js';
import { PATTERNS } from '../plan/patterns.js';
import type { Pattern } from '../plan/schema.js';

/** Summed resource requests of a region's workloads (from the clusters, or an estimate). */
export interface RegionRequests {
  cpuMillis: number;
  memoryBytes: number;
}

/** Requests in production and in the recovery region while it stands by. */
export interface ResourceRequests {
  production: RegionRequests;
  standby: RegionRequests;
}

export interface CostPrediction {
  percentOfProduction: number;
  basis: 'pattern-default' | 'resource-requests';
}

/**
 * Cost of the recovery region as a percentage of production's. With measured requests it is the
 * larger of the CPU and memory ratios, because nodes are bought until both fit and the scarcer one
 * decides the node count; without them, the midpoint of the pattern's typical range.
 *
 * @throws InputError when production requests are zero in both dimensions (no ratio exists).
 * @example predictCost('pilot-light').percentOfProduction // 12.5
 */
export function predictCost(pattern: Pattern, requests?: ResourceRequests): CostPrediction {
  if (!requests) {
    const { min, max } = PATTERNS[pattern].costPercent;
    return { percentOfProduction: (min + max) / 2, basis: 'pattern-default' };
  }
  const ratios = [ratio(requests.standby.cpuMillis, requests.production.cpuMillis), ratio(requests.standby.memoryBytes, requests.production.memoryBytes)]
    .filter((r): r is number => r !== undefined);
  if (ratios.length === 0) throw new InputError([{ path: 'resourceRequests.production', message: 'production requests no CPU and no memory, so no cost ratio exists' }]);
  return { percentOfProduction: Math.round(Math.max(...ratios) * 1000) / 10, basis: 'resource-requests' };
}

function ratio(standby: number, production: number): number | undefined {
  return production > 0 ? standby / production : undefined;
}
