import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import type { DRPlanInput } from '../plan/schema.js';
import { renderLitmus, type LitmusChaosEngine } from './render-litmus.js';

type DrillsInput = NonNullable<DRPlanInput['spec']['drills']>;
type ChaosInput = NonNullable<DrillsInput['chaos']>;

function enginesFor(chaos: ChaosInput, drills: Partial<DrillsInput> = {}): LitmusChaosEngine[] {
  return renderLitmus(samplePlan({ drills: { smokeChecks: [{ name: 'web', path: '/healthz' }], ...drills, chaos }, trigger: { failingChecks: 3 } }));
}

const envOf = (engine: LitmusChaosEngine | undefined): Record<string, string> =>
  Object.fromEntries((engine?.spec.experiments[0]?.spec.components.env ?? []).map((e) => [e.name, e.value]));

describe('renderLitmus', () => {
  it('renders one engine per outage kind and blast-radius namespace, each limited to its namespace', () => {
    const sut = enginesFor({ method: 'litmus', outage: { kind: ['network-partition', 'pod-failure'], duration: '1h' }, blastRadius: { namespaces: ['production', 'team-payments'] } });

    const shape = sut.map((e) => [e.metadata.name, e.spec.appinfo, e.spec.experiments.map((x) => x.name)]);

    expect(shape).toEqual([
      ['lifeboat-shop-network-partition-production', { appns: 'production' }, ['pod-network-loss']],
      ['lifeboat-shop-network-partition-team-payments', { appns: 'team-payments' }, ['pod-network-loss']],
      ['lifeboat-shop-pod-failure-production', { appns: 'production' }, ['pod-delete']],
      ['lifeboat-shop-pod-failure-team-payments', { appns: 'team-payments' }, ['pod-delete']],
    ]);
  });

  it('passes the duration in seconds and maxPodsPercent as PODS_AFFECTED_PERC', () => {
    const sut = enginesFor({ method: 'litmus', outage: { kind: ['network-partition', 'pod-failure', 'pod-kill'], duration: '90s' }, blastRadius: { namespaces: ['production'], maxPodsPercent: 30 }, abortWhen: { after: '30s' } });

    const [partition, failure, kill] = sut.map(envOf);

    expect(partition).toEqual({ TOTAL_CHAOS_DURATION: '90', PODS_AFFECTED_PERC: '30', NETWORK_PACKET_LOSS_PERCENTAGE: '100' });
    expect(failure).toEqual({ TOTAL_CHAOS_DURATION: '90', PODS_AFFECTED_PERC: '30', CHAOS_INTERVAL: '10', FORCE: 'true' });
    expect(kill).toEqual({ TOTAL_CHAOS_DURATION: '90', PODS_AFFECTED_PERC: '30', CHAOS_INTERVAL: '90', FORCE: 'true' });
  });

  it('turns each abort check into a Continuous httpProbe that stops the engine after failingChecks failed attempts', () => {
    const sut = enginesFor({ method: 'litmus', outage: { duration: '1h' }, abortWhen: { interval: '3s' } });

    const probes = sut.map((e) => e.spec.experiments[0]?.spec.probe);

    expect(probes).toHaveLength(2);
    expect(probes[1]).toEqual(probes[0]);
    expect(probes[0]).toEqual([{
      name: 'abort-web',
      type: 'httpProbe',
      mode: 'Continuous',
      'httpProbe/inputs': { url: 'http://app.example.com/healthz', insecureSkipVerify: false, method: { get: { criteria: '==', responseCode: '200' } } },
      runProperties: { probeTimeout: '3s', interval: '3s', attempt: 3, probePollingInterval: '3s', initialDelay: '30m0s', stopOnFailure: true },
    }]);
  });

  it('renders no probe when there is nothing to watch, and no initial delay when the checks count at once', () => {
    const none = enginesFor({ method: 'litmus', outage: { duration: '1h' } }, { smokeChecks: [] });
    const atOnce = enginesFor({ method: 'litmus', outage: { duration: '1h' }, abortWhen: { after: '0s', failingChecks: 1 } });

    expect(none[0]?.spec.experiments[0]?.spec).not.toHaveProperty('probe');
    expect(atOnce[0]?.spec.experiments[0]?.spec.probe?.[0]?.runProperties).toEqual({ probeTimeout: '5s', interval: '10s', attempt: 1, probePollingInterval: '10s', stopOnFailure: true });
  });

  it('labels every engine, runs it as the chaos service account in the chaos namespace and cleans up its jobs', () => {
    const sut = enginesFor({ method: 'litmus', namespace: 'chaos', serviceAccount: 'lifeboat-chaos', outage: { duration: '1h' } });

    const heads = sut.map((e) => [e.metadata.namespace, e.metadata.labels, e.spec.chaosServiceAccount, e.spec.engineState, e.spec.jobCleanUpPolicy]);

    expect(new Set(heads.map((h) => JSON.stringify(h)))).toEqual(new Set([JSON.stringify(['chaos', { 'app.kubernetes.io/managed-by': 'lifeboat', 'lifeboat.dev/plan': 'shop' }, 'lifeboat-chaos', 'active', 'delete'])]));
    expect(enginesFor({ method: 'litmus', outage: { duration: '1h' } })[0]?.metadata.namespace).toBe('litmus');
    expect(enginesFor({ method: 'litmus', outage: { duration: '1h' } })[0]?.spec.chaosServiceAccount).toBe('litmus-admin');
  });

  it('keeps engine names within 63 characters, unique per namespace', () => {
    const a = 'team-payments-eu-west-production-blue-green-primary-aaaa';
    const b = 'team-payments-eu-west-production-blue-green-primary-bbbb';
    const sut = enginesFor({ method: 'litmus', outage: { duration: '1h' }, blastRadius: { namespaces: [a, b] } });

    const names = sut.map((e) => e.metadata.name);

    expect(names.every((n) => n.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(2);
  });
});
