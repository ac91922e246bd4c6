import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { InputError } from '../errors.js';
import type { DRPlanInput } from '../plan/schema.js';
import { renderChaosMesh, type ChaosMeshWorkflow, type WorkflowTemplate } from './render-chaos-mesh.js';

type DrillsInput = NonNullable<DRPlanInput['spec']['drills']>;
type ChaosInput = NonNullable<DrillsInput['chaos']>;

const SMOKE: DrillsInput['smokeChecks'] = [{ name: 'web', path: '/healthz' }, { name: 'api', url: 'https://api.example.com/ready', expectStatus: 204 }];

function workflowFor(chaos: ChaosInput, drills: Partial<DrillsInput> = {}): ChaosMeshWorkflow {
  const plan = samplePlan({ drills: { smokeChecks: SMOKE, ...drills, chaos }, trigger: { failingChecks: 3 } });
  return renderChaosMesh(plan)[0] as ChaosMeshWorkflow;
}

const template = (w: ChaosMeshWorkflow, name: string): WorkflowTemplate => {
  const found = w.spec.templates.find((t) => t.name === name);
  if (!found) throw new Error(`no template ${name} in ${w.spec.templates.map((t) => t.name).join(', ')}`);
  return found;
};

describe('renderChaosMesh', () => {
  it('hits only the blast radius namespaces, with maxPodsPercent as a fixed percent', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { kind: ['network-partition', 'pod-failure'], duration: '1h' }, blastRadius: { namespaces: ['monitoring'], maxPodsPercent: 40 } });

    const partition = template(sut, 'network-partition').networkChaos;
    const failure = template(sut, 'pod-failure').podChaos;

    expect(partition).toEqual({ action: 'partition', direction: 'both', mode: 'fixed-percent', value: '40', selector: { namespaces: ['monitoring'] } });
    expect(failure).toEqual({ action: 'pod-failure', mode: 'fixed-percent', value: '40', selector: { namespaces: ['monitoring'] } });
  });

  it('defaults the blast radius to the namespaces the plan protects by name, less exclusions', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { kind: 'pod-kill', duration: '1h' } });

    const kill = template(sut, 'pod-kill').podChaos;

    expect(kill).toEqual({ action: 'pod-kill', gracePeriod: 0, mode: 'fixed-percent', value: '100', selector: { namespaces: ['production', 'monitoring'] } });
  });

  it('runs the outage and one guard per abort check in parallel, all bounded by the outage duration', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { duration: '45m' } });

    const entry = template(sut, sut.spec.entry);

    expect(entry).toEqual({ name: 'outage', templateType: 'Parallel', deadline: '45m0s', children: ['network-partition', 'guard-web', 'guard-api'] });
    expect(template(sut, 'network-partition').deadline).toBe('45m0s');
    expect(sut.spec.templates.every((t) => !('duration' in (t.networkChaos ?? t.podChaos ?? {})))).toBe(true);
  });

  it('waits abortWhen.after (default: the RTO objective), then aborts the workflow after failingChecks consecutive failures', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { duration: '45m' }, abortWhen: { interval: '15s' } });

    const guard = template(sut, 'guard-web');
    const abort = template(sut, 'abort-web');

    expect(guard).toMatchObject({ templateType: 'Serial', deadline: '45m0s', children: ['grace', 'abort-web'] });
    expect(template(sut, 'grace')).toEqual({ name: 'grace', templateType: 'Suspend', deadline: '30m0s' });
    expect(abort).toEqual({
      name: 'abort-web',
      templateType: 'StatusCheck',
      deadline: '15m0s',
      abortWithStatusCheck: true,
      statusCheck: { mode: 'Continuous', type: 'HTTP', intervalSeconds: 15, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1, http: { url: 'http://app.example.com/healthz', method: 'GET', criteria: { statusCode: '200' } } },
    });
  });

  it('takes the threshold, checks and grace from abortWhen when written', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { duration: '10m' }, abortWhen: { failingChecks: 5, checks: ['api'], after: '0s', interval: '2s' } });

    const names = sut.spec.templates.map((t) => t.name);
    const check = template(sut, 'abort-api');

    expect(names).toEqual(['outage', 'network-partition', 'abort-api']);
    expect(check.deadline).toBe('10m0s');
    expect(check.statusCheck).toMatchObject({ failureThreshold: 5, intervalSeconds: 2, timeoutSeconds: 2, http: { url: 'https://api.example.com/ready', criteria: { statusCode: '204' } } });
  });

  it('renders no guard when the plan has no smoke checks', () => {
    const sut = workflowFor({ method: 'chaos-mesh', outage: { duration: '10m' } }, { smokeChecks: [] });

    expect(sut.spec.templates.map((t) => t.templateType)).toEqual(['Parallel', 'NetworkChaos']);
  });

  it('labels the Workflow as Lifeboat-managed for the plan and puts it in the chaos namespace', () => {
    const sut = workflowFor({ method: 'chaos-mesh', namespace: 'chaos-testing', outage: { duration: '1h' } });

    expect(sut.metadata).toEqual({ name: 'lifeboat-shop-outage', namespace: 'chaos-testing', labels: { 'app.kubernetes.io/managed-by': 'lifeboat', 'lifeboat.dev/plan': 'shop' } });
    expect(workflowFor({ method: 'chaos-mesh', outage: { duration: '1h' } }).metadata.namespace).toBe('chaos-mesh');
  });

  it('keeps template names short enough for the node labels Chaos Mesh derives from them', () => {
    const long = 'a-very-long-smoke-check-name-that-goes-on-and-on-and-on';
    const sut = workflowFor({ method: 'chaos-mesh', outage: { duration: '1h' } }, { smokeChecks: [{ name: long, path: '/' }] });

    expect(sut.spec.templates.map((t) => t.name.length).every((n) => n <= 50)).toBe(true);
    expect(template(sut, sut.spec.entry).children).toHaveLength(2);
  });

  it('refuses a plan without a chaos block, naming the field', () => {
    const plan = samplePlan();

    expect(() => renderChaosMesh(plan)).toThrow(InputError);
    expect(() => renderChaosMesh(plan)).toThrow(/^spec\.drills\.chaos: the plan has no chaos block/);
  });
});
