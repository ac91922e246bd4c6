import type { DRPlan, Region } from '../plan/schema.js';

/** The region that serves traffic today and the one a failover moves it to. */
export interface FailoverPair {
  primary: Region;
  standby: Region;
}

/**
 * Picks the failover pair from a plan: the `primary` region (else the first region) and the
 * `standby` region (else the first other region, which is how active-active plans fail over).
 *
 * @example planRegions(plan).standby.context // 'lab-region-b'
 */
export function planRegions(plan: DRPlan): FailoverPair {
  const regions = plan.spec.regions;
  const primary = regions.find((r) => r.role === 'primary') ?? regions[0];
  if (!primary) throw new RangeError('a DR plan needs at least two regions');
  const others = regions.filter((r) => r !== primary);
  const standby = others.find((r) => r.role === 'standby') ?? others[0];
  if (!standby) throw new RangeError('a DR plan needs at least two regions');
  return { primary, standby };
}
