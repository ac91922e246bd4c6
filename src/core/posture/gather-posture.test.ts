import { describe, expect, it } from 'vitest';
import { FakeBackupCatalog } from '../../testing/fake-backup-catalog.js';
import { FakeBackupObjectStore } from '../../testing/fake-backup-object-store.js';
import { FakeKubernetesInventory } from '../../testing/fake-kubernetes-inventory.js';
import { aHealthySnapshot, aPlan, NOW } from '../../testing/posture-fixtures.js';
import { InMemoryDrillHistory } from '../../providers/store/in-memory-drill-history.js';
import type { DRPlan } from '../plan/schema.js';
import type { TrafficManager } from '../ports/traffic-manager.js';
import { assessPlans } from './assess-plans.js';
import { gatherPosture, type PostureSources } from './gather-posture.js';
import type { RegionObservation } from './posture-snapshot.js';

type Reachable = Extract<RegionObservation, { reachable: true }>;

/** Fakes holding what aHealthySnapshot describes, so gathering then evaluating must find nothing wrong. */
function healthySources(plan: DRPlan): { sources: PostureSources; inventories: Record<string, FakeKubernetesInventory>; traffic: { calls: number } } {
  const healthy = aHealthySnapshot(plan);
  const [a, b] = healthy.regions as [Reachable, Reachable];
  const inventories = { 'region-a': new FakeKubernetesInventory(a.inventory), 'region-b': new FakeKubernetesInventory(b.inventory) };
  const catalogs = { 'region-a': new FakeBackupCatalog(a.catalog), 'region-b': new FakeBackupCatalog(b.catalog) };
  const store = new FakeBackupObjectStore({ 'every-5m-1': { resourceList: healthy.contents['every-5m-1'] } });
  const traffic = { calls: 0 };
  const dns: TrafficManager = { current: () => { traffic.calls++; return Promise.resolve(healthy.traffic.ok === true ? healthy.traffic.state : undefined); }, pointTo: () => Promise.resolve(), weigh: () => Promise.resolve() };
  const sources: PostureSources = {
    inventory: (r) => inventories[r.name as 'region-a'],
    catalog: (r) => catalogs[r.name as 'region-a'],
    objectStore: () => store,
    traffic: () => dns,
    drills: new InMemoryDrillHistory(healthy.drills),
    now: () => NOW,
  };
  return { sources, inventories, traffic };
}

describe('gatherPosture', () => {
  it('reads every region, the restore sources\' files, DNS and drills into one snapshot', async () => {
    const plan = aPlan();
    const { sources, traffic } = healthySources(plan);

    const { snapshot, errors } = await gatherPosture(plan, sources, 2);

    expect(errors).toEqual([]);
    expect(snapshot.regions.map((r) => [r.region, r.reachable])).toEqual([['region-a', true], ['region-b', true]]);
    expect(Object.keys(snapshot.contents)).toEqual(['every-5m-1']);
    expect(traffic.calls).toBe(1);
    expect(snapshot.drills).toHaveLength(3);
  });

  it('keeps going when a region cannot be reached, and marks the error as unreachable', async () => {
    const plan = aPlan();
    const { sources, inventories } = healthySources(plan);
    inventories['region-b']!.reachable = false;

    const { snapshot, errors } = await gatherPosture(plan, sources);

    expect(snapshot.regions[0]?.reachable).toBe(true);
    expect(snapshot.regions[1]).toMatchObject({ region: 'region-b', reachable: false });
    expect(errors).toEqual([expect.objectContaining({ source: 'kubernetes', region: 'region-b', unreachable: true })]);
  });
});

describe('assessPlans', () => {
  it('assesses many plans with a bound, each with its findings and summary', async () => {
    const plans = ['one', 'two', 'three'].map((name) => ({ file: `${name}.yaml`, plan: { ...aPlan(), metadata: { name } } }));
    let inFlight = 0;
    let peak = 0;
    const sourcesFor = (plan: DRPlan): PostureSources => {
      const { sources } = healthySources(plan);
      const drills = { drills: async (p: string) => { inFlight++; peak = Math.max(peak, inFlight); await new Promise((r) => setTimeout(r, 10)); inFlight--; return sources.drills.drills(p); } };
      return { ...sources, drills };
    };

    const { results, errors } = await assessPlans(plans, sourcesFor, 2);

    expect(errors).toEqual([]);
    expect(peak).toBeLessThanOrEqual(2);
    expect(results.map((r) => [r.plan, r.summary.objectives.rpo, r.findings.filter((f) => f.severity === 'error').length])).toEqual([['one', 'held', 0], ['two', 'held', 0], ['three', 'held', 0]]);
  });
});
