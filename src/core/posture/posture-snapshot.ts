import type { DRPlan } from '../plan/schema.js';
import type { CatalogSnapshot } from '../ports/backup-catalog.js';
import type { ResourceList } from '../ports/backup-object-store.js';
import type { DrillRecord } from '../ports/drill-history.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import type { TrafficState } from '../ports/traffic-manager.js';

/** What was learned about one region: its cluster and its Velero catalog, or why it could not be read. */
export type RegionObservation =
  | { region: string; role: 'primary' | 'standby' | 'active'; reachable: true; inventory: ClusterInventory; catalog?: CatalogSnapshot; catalogError?: string }
  | { region: string; role: 'primary' | 'standby' | 'active'; reachable: false; reason: string };

/** The DNS record's state, or why the provider could not be asked. */
export type TrafficObservation = { ok: true; state: TrafficState | undefined } | { ok: false; reason: string } | { ok: 'skipped' };

/**
 * Everything the posture checks look at, gathered once by the providers. The checks are pure
 * functions of this snapshot and `now`, so the same snapshot always gives the same findings.
 */
export interface PostureSnapshot {
  plan: DRPlan;
  now: Date;
  regions: RegionObservation[];
  /** Resource lists read from object storage, by backup name (undefined: file missing). */
  contents: Record<string, ResourceList | undefined>;
  /** Why a backup's files could not be read, by backup name. */
  contentErrors: Record<string, string>;
  traffic: TrafficObservation;
  drills: DrillRecord[];
}

/** The primary (or first active) region's observation. */
export function primaryOf(snapshot: PostureSnapshot): RegionObservation | undefined {
  return snapshot.regions.find((r) => r.role === 'primary') ?? snapshot.regions.find((r) => r.role === 'active');
}

/** The standby regions' observations (active-active: every active region but the first). */
export function standbysOf(snapshot: PostureSnapshot): RegionObservation[] {
  const primary = primaryOf(snapshot);
  return snapshot.regions.filter((r) => r !== primary);
}
