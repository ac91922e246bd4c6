import type { KubernetesObject } from '@kubernetes/client-node';
import { renderChaosMesh } from '../core/chaos/render-chaos-mesh.js';
import { renderLitmus } from '../core/chaos/render-litmus.js';
import { InputError } from '../core/errors.js';
import type { OutageInjector } from '../core/ports/outage-injector.js';
import type { DRPlan } from '../core/plan/schema.js';
import { failoverRegions } from '../core/runbook/failover/failover-runbook.js';
import { KubernetesChaosInjector } from '../providers/kubernetes/kubernetes-chaos-injector.js';
import { kubeConfigForRegion, type ConnectOptions } from './failover-ports.js';

/**
 * The outage injector for a plan's chaos method on real clusters: its rendered Chaos Mesh or Litmus
 * experiments applied to the primary's cluster. `lab` plans are drilled through the lab instead.
 */
export function chaosInjectorFor(plan: DRPlan, connect: ConnectOptions): OutageInjector {
  const method = plan.spec.drills.chaos?.method ?? 'lab';
  if (method === 'lab') {
    throw new InputError([{ path: 'spec.drills.chaos.method', message: 'method "lab" fails a region through the local lab (`lifeboat drill failover --lab`); real clusters need chaos-mesh or litmus' }]);
  }
  const manifests = (method === 'chaos-mesh' ? renderChaosMesh(plan) : renderLitmus(plan)) as unknown as KubernetesObject[];
  const { from } = failoverRegions(plan);
  return KubernetesChaosInjector.fromConfig({ kubeConfig: kubeConfigForRegion(from, connect), manifests, method: `${method}: ${manifests.map((m) => `${m.kind}/${m.metadata?.name ?? ''}`).join(', ')}` });
}
