import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../core/plan/parse-plan.js';
import type { DRPlan } from '../core/plan/schema.js';
import { ClusterApiCapacity } from '../providers/capacity/cluster-api-capacity.js';
import { KarpenterCapacity } from '../providers/capacity/karpenter-capacity.js';
import { ArgoCdSyncer } from '../providers/gitops/argo-cd-syncer.js';
import { FakeClock } from '../testing/fake-clock.js';
import { capacityScalerFor, gitopsSyncerFor } from './failover-ports.js';

const pilot = parsePlan(readFileSync('examples/pilot-light.yaml', 'utf8'), 'pilot-light.yaml');
const lab = parsePlan(readFileSync('examples/lab.yaml', 'utf8'), 'lab.yaml');
const withCapacity = (capacity: DRPlan['spec']['capacity']): DRPlan => ({ ...pilot, spec: { ...pilot.spec, capacity } });
const kubeConfig = new KubeConfig();
kubeConfig.loadFromOptions({ clusters: [{ name: 'c', server: 'https://127.0.0.1:1' }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
const clock = new FakeClock();

describe('capacity and GitOps providers from the plan', () => {
  it.each<[string, DRPlan, unknown]>([
    ['cluster-api', pilot, ClusterApiCapacity],
    ['karpenter', withCapacity({ type: 'karpenter', nodePool: { name: 'pilot', standbyCpu: '0', activeCpu: '64' } }), KarpenterCapacity],
  ])('builds the %s scaler', (_type, plan, kind) => {
    const sut = capacityScalerFor(plan, kubeConfig, clock);

    expect(sut).toBeInstanceOf(kind);
  });

  it('builds no scaler for deployment-replicas, which scales through the cluster operator', () => {
    expect(capacityScalerFor(lab, kubeConfig, clock)).toBeUndefined();
  });

  it('builds an Argo CD syncer only when the plan has spec.gitops', () => {
    expect(gitopsSyncerFor(pilot, kubeConfig, clock)).toBeInstanceOf(ArgoCdSyncer);
    expect(gitopsSyncerFor(lab, kubeConfig, clock)).toBeUndefined();
  });
});
