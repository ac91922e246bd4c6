/**
 * The Lifeboat side of bench/posture.ts, run as its own process so its peak memory can be measured:
 * reads Velero's catalog in both lab regions and the primary's namespaces, then evaluates the achieved
 * RPO per protected namespace. Prints a one-line JSON summary (counts, not data).
 *
 * Usage: node <bundled child> KUBECONFIG
 */
import { checkRpo } from '../src/core/posture/check-rpo.js';
import type { PostureSnapshot } from '../src/core/posture/posture-snapshot.js';
import { drPlanSchema } from '../src/core/plan/schema.js';
import { KubernetesApiInventory } from '../src/providers/kubernetes/kubernetes-api-inventory.js';
import { VeleroBackupCatalog } from '../src/providers/velero/velero-backup-catalog.js';

const kubeconfig = process.argv[2] ?? '';
const plan = drPlanSchema.parse({
  apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'bench' },
  spec: {
    pattern: 'active-passive',
    regions: [
      { name: 'region-a', role: 'primary', context: 'lab-region-a', ingress: { address: '10.213.1.2' } },
      { name: 'region-b', role: 'standby', context: 'lab-region-b', ingress: { address: '10.213.2.2' } },
    ],
    objectives: { rto: '15m', rpo: '15m' },
    protection: { namespaces: { names: ['production', 'monitoring', 'ingress-system'] }, volumes: 'none' },
    backup: { mode: 'adopt', storageLocations: [{ name: 'default', bucket: 'velero', location: 'lab-shared' }] },
    traffic: { provider: 'none', zone: 'lab.test.', record: 'app.lab.test.' },
    capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 3 }] },
  },
});

const [catalogA, catalogB, inventory] = await Promise.all([
  VeleroBackupCatalog.fromConfig({ context: 'lab-region-a', kubeconfig }).snapshot(),
  VeleroBackupCatalog.fromConfig({ context: 'lab-region-b', kubeconfig }).snapshot(),
  KubernetesApiInventory.fromConfig({ context: 'lab-region-a', kubeconfig }).inventory(),
]);
const snapshot: PostureSnapshot = {
  plan, now: new Date(), contents: {}, contentErrors: {}, traffic: { ok: 'skipped' }, drills: [],
  regions: [
    { region: 'region-a', role: 'primary', reachable: true, inventory, catalog: catalogA },
    { region: 'region-b', role: 'standby', reachable: true, inventory, catalog: catalogB },
  ],
};
const findings = checkRpo(snapshot);
process.stdout.write(`${JSON.stringify({ backups: catalogA.backups.length + catalogB.backups.length, findings: findings.map((f) => `${f.id}:${String(f.evidence?.namespace)}`) })}\n`);
