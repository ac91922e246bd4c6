import type { DRPlan, Region } from '../plan/schema.js';
import type { BackupCatalog, CatalogSnapshot } from '../ports/backup-catalog.js';
import type { ClusterInventory, KubernetesInventory } from '../ports/kubernetes-inventory.js';

/** One region's cluster as the tabletop saw it before the walk-through. */
export type RegionView =
  | { region: string; context: string; reachable: false; reason: string }
  | {
      region: string; context: string; reachable: true; latencyMs: number;
      inventory?: ClusterInventory; inventoryError?: string;
      catalog?: CatalogSnapshot; catalogError?: string;
    };

/** The read-only ports a tabletop looks through (`lifeboat status` wires the same ones). */
export interface RegionSources {
  inventory(region: Region): KubernetesInventory;
  catalog(region: Region): BackupCatalog;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads every region of the plan at once: is its API up, what runs there, what Velero's catalog
 * holds. A region that cannot be read is reported as such; the others are still read.
 */
export function observeRegions(plan: DRPlan, sources: RegionSources): Promise<RegionView[]> {
  return Promise.all(plan.spec.regions.map((r) => observeRegion(r, sources)));
}

async function observeRegion(region: Region, sources: RegionSources): Promise<RegionView> {
  const base = { region: region.name, context: region.context };
  try {
    const cluster = sources.inventory(region);
    const probe = await cluster.probe();
    if (!probe.reachable) return { ...base, reachable: false, reason: probe.reason };
    const [inventory, catalog] = await Promise.all([settle(cluster.inventory()), settle(Promise.resolve().then(() => sources.catalog(region).snapshot()))]);
    return {
      ...base, reachable: true, latencyMs: probe.latencyMs,
      ...('value' in inventory ? { inventory: inventory.value } : { inventoryError: inventory.error }),
      ...('value' in catalog ? { catalog: catalog.value } : { catalogError: catalog.error }),
    };
  } catch (e) {
    return { ...base, reachable: false, reason: message(e) };
  }
}

async function settle<T>(work: Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await work };
  } catch (e) {
    return { error: message(e) };
  }
}
