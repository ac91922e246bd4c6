import type { DRPlan, Region } from '../plan/schema.js';
import type { BackupCatalog, CatalogSnapshot, StorageLocationRecord } from '../ports/backup-catalog.js';
import type { BackupObjectStore } from '../ports/backup-object-store.js';
import type { DrillHistory, DrillRecord } from '../ports/drill-history.js';
import type { KubernetesInventory } from '../ports/kubernetes-inventory.js';
import type { TrafficManager } from '../ports/traffic-manager.js';
import { boundedMap } from './bounded-map.js';
import { restoreSourcesByNamespace } from './check-contents.js';
import { primaryOf, type PostureSnapshot, type RegionObservation, type TrafficObservation } from './posture-snapshot.js';

/** The providers a posture check reads, per plan. Factories may throw InputError (bad context, missing secret). */
export interface PostureSources {
  inventory(region: Region): KubernetesInventory;
  catalog(region: Region): BackupCatalog;
  /** The object store behind one of the primary's storage locations; undefined when it cannot be read. */
  objectStore(location: StorageLocationRecord): BackupObjectStore | undefined;
  /** The plan's DNS provider; undefined when the plan routes no traffic (`provider: none`). */
  traffic(): TrafficManager | undefined;
  drills: DrillHistory;
  now(): Date;
}

/** Something that could not be read; `unreachable` marks a cluster that did not answer (exit code 3). */
export interface GatherError {
  plan: string;
  source: 'kubernetes' | 'velero' | 'objectstore' | 'traffic' | 'drills';
  region?: string;
  unreachable: boolean;
  message: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads everything the posture checks need for one plan: every region concurrently (bounded), then
 * the newest restore sources' files, the DNS record and the drill history. One source failing is
 * recorded in `errors` and leaves the rest of the snapshot intact.
 */
export async function gatherPosture(plan: DRPlan, sources: PostureSources, concurrency = 4): Promise<{ snapshot: PostureSnapshot; errors: GatherError[] }> {
  const errors: GatherError[] = [];
  const fail = (e: Omit<GatherError, 'plan'>): void => { errors.push({ plan: plan.metadata.name, ...e }); };
  const now = sources.now();
  const [regions, traffic, drills] = await Promise.all([
    boundedMap(plan.spec.regions, concurrency, (r) => observeRegion(r, sources, fail)),
    observeTraffic(sources, fail),
    sources.drills.drills(plan.metadata.name).catch((e: unknown): DrillRecord[] => { fail({ source: 'drills', unreachable: false, message: message(e) }); return []; }),
  ]);
  const snapshot: PostureSnapshot = { plan, now, regions, contents: {}, contentErrors: {}, traffic, drills };
  await readContents(snapshot, sources, concurrency, fail);
  return { snapshot, errors };
}

type Fail = (e: Omit<GatherError, 'plan'>) => void;

async function observeRegion(region: Region, sources: PostureSources, fail: Fail): Promise<RegionObservation> {
  const base = { region: region.name, role: region.role };
  let inventory: KubernetesInventory;
  try {
    inventory = sources.inventory(region);
  } catch (e) {
    fail({ source: 'kubernetes', region: region.name, unreachable: false, message: message(e) });
    return { ...base, reachable: false, reason: message(e) };
  }
  const probe = await inventory.probe();
  if (!probe.reachable) {
    fail({ source: 'kubernetes', region: region.name, unreachable: true, message: `region ${region.name} (${region.context}): ${probe.reason}` });
    return { ...base, reachable: false, reason: probe.reason };
  }
  const [seen, catalog] = await Promise.all([inventory.inventory().catch((e: unknown) => e as Error), readCatalog(region, sources)]);
  if (seen instanceof Error) {
    fail({ source: 'kubernetes', region: region.name, unreachable: true, message: seen.message });
    return { ...base, reachable: false, reason: seen.message };
  }
  if (catalog instanceof Error) fail({ source: 'velero', region: region.name, unreachable: false, message: catalog.message });
  return catalog instanceof Error ? { ...base, reachable: true, inventory: seen, catalogError: catalog.message } : { ...base, reachable: true, inventory: seen, catalog };
}

async function readCatalog(region: Region, sources: PostureSources): Promise<CatalogSnapshot | Error> {
  try {
    return await sources.catalog(region).snapshot();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

async function observeTraffic(sources: PostureSources, fail: Fail): Promise<TrafficObservation> {
  try {
    const manager = sources.traffic();
    if (!manager) return { ok: 'skipped' };
    return { ok: true, state: await manager.current() };
  } catch (e) {
    fail({ source: 'traffic', unreachable: false, message: message(e) });
    return { ok: false, reason: message(e) };
  }
}

async function readContents(snapshot: PostureSnapshot, sources: PostureSources, concurrency: number, fail: Fail): Promise<void> {
  const primary = primaryOf(snapshot);
  if (!primary?.reachable || !primary.catalog) return;
  const catalog = primary.catalog;
  const backups = [...new Map([...restoreSourcesByNamespace(snapshot.plan.spec, primary.inventory, catalog, snapshot.now).values()].map((b) => [b.name, b])).values()];
  await boundedMap(backups, concurrency, async (backup) => {
    const location = catalog.locations.find((l) => l.name === backup.storageLocation);
    const store = location && sources.objectStore(location);
    if (!store) {
      snapshot.contentErrors[backup.name] = `no readable object store for location ${backup.storageLocation ?? '(none)'}`;
      return;
    }
    try {
      snapshot.contents[backup.name] = await store.resourceList(backup.name);
    } catch (e) {
      snapshot.contentErrors[backup.name] = message(e);
      fail({ source: 'objectstore', region: primary.region, unreachable: false, message: message(e) });
    }
  });
}

