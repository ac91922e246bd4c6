import { describe, expect, it } from 'vitest';
import type { KubernetesInventory } from '../core/ports/kubernetes-inventory.js';

/** What a contract run needs: a reachable cluster holding known objects, and one that cannot be reached. */
export interface KubernetesInventoryFixture {
  sut: KubernetesInventory;
  unreachable: KubernetesInventory;
  /** A namespace known to exist, with one of its labels, a PVC and a workload kind in it. */
  known: { namespace: string; label: [string, string]; pvc: string; workloadKind: string };
}

/** The behaviour every KubernetesInventory shares; run against the fake (unit) and client-node (lab). */
export function kubernetesInventoryContract(name: string, setup: () => Promise<KubernetesInventoryFixture>): void {
  describe(`KubernetesInventory contract: ${name}`, () => {
    it('probes a reachable cluster as reachable', async () => {
      const { sut } = await setup();

      const probe = await sut.probe();

      expect(probe.reachable).toBe(true);
    });

    it('probes an unreachable cluster as unreachable, with a reason, without throwing', async () => {
      const { unreachable } = await setup();

      const probe = await unreachable.probe();

      expect(probe).toMatchObject({ reachable: false, reason: expect.any(String) as string });
    });

    it('lists namespaces with their labels, PVCs and workload counts', async () => {
      const { sut, known } = await setup();

      const inv = await sut.inventory();

      const ns = inv.namespaces.find((n) => n.name === known.namespace);
      expect(ns?.labels[known.label[0]]).toBe(known.label[1]);
      expect(inv.pvcs).toContainEqual(expect.objectContaining({ namespace: known.namespace, name: known.pvc }));
      expect(inv.workloads.find((w) => w.namespace === known.namespace && w.kind === known.workloadKind)?.count).toBeGreaterThan(0);
    });

    it('reports schedulable nodes with allocatable CPU and memory, and pod requests per namespace', async () => {
      const { sut, known } = await setup();

      const inv = await sut.inventory();

      expect(inv.nodes.some((n) => n.schedulable && n.cpuMillis > 0 && n.memoryBytes > 0)).toBe(true);
      expect(inv.requests.find((r) => r.namespace === known.namespace)?.cpuMillis).toBeGreaterThan(0);
    });

    it('fails inventory on an unreachable cluster', async () => {
      const { unreachable } = await setup();

      await expect(unreachable.inventory()).rejects.toThrow();
    });
  });
}
