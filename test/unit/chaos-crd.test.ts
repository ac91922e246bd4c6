import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { planRenderCommand } from '../../src/cli/commands/plan-render.js';
import { renderChaosMesh, type ChaosMeshWorkflow, type WorkflowTemplate } from '../../src/core/chaos/render-chaos-mesh.js';
import { parsePlan } from '../../src/core/plan/parse-plan.js';
import type { DRPlan } from '../../src/core/plan/schema.js';
import { EXAMPLES_DIR, exampleFiles, loadExample } from '../support/example-plans.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { crdVersionSchema, objectMeta, strictFields, type Schema } from '../support/crd-schema.js';

// Chaos Mesh's own CRDs, copied from its Go module by scripts/gen-chaos-crds.sh. Litmus's ChaosEngine
// CRD is not here: the Go module proxy refuses the chaos-operator module (see that script), so the
// rendered ChaosEngines are checked by src/core/chaos/render-litmus.test.ts only.

type CrdKind = 'workflows' | 'networkchaos' | 'podchaos' | 'statuschecks';
const KIND_OF: Record<CrdKind, string> = { workflows: 'Workflow', networkchaos: 'NetworkChaos', podchaos: 'PodChaos', statuschecks: 'StatusCheck' };

function crdSchema(kind: CrdKind): Schema {
  return crdVersionSchema(join(import.meta.dirname, '..', 'fixtures', 'chaos-crds', `chaos-mesh.org_${kind}.yaml`), 'v1alpha1');
}

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  formats: {
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
    byte: /^[A-Za-z0-9+/]*={0,2}$/,
    int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
    int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
  },
});

function validator(kind: CrdKind): ValidateFunction {
  const schema = strictFields(crdSchema(kind)) as Schema & { properties: Schema };
  const props = { ...schema.properties, metadata: objectMeta, apiVersion: { const: 'chaos-mesh.org/v1alpha1' }, kind: { const: KIND_OF[kind] } };
  return ajv.compile({ ...schema, required: ['apiVersion', 'kind', 'metadata', 'spec'], properties: props });
}

const validators = Object.fromEntries((Object.keys(KIND_OF) as CrdKind[]).map((k) => [k, validator(k)])) as Record<CrdKind, ValidateFunction>;
const errorsOf = (kind: CrdKind, manifest: unknown): string[] => {
  const sut = validators[kind];
  return sut(manifest) ? [] : (sut.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
};

/** Each chaos and status-check template's spec, as the standalone object Chaos Mesh's workflow controller creates from it. */
function embeddedObjects(workflow: ChaosMeshWorkflow): Array<[CrdKind, unknown]> {
  const wrap = (kind: CrdKind, t: WorkflowTemplate, spec: unknown): [CrdKind, unknown] => [
    kind,
    { apiVersion: 'chaos-mesh.org/v1alpha1', kind: KIND_OF[kind], metadata: { name: t.name, namespace: workflow.metadata.namespace }, spec },
  ];
  return workflow.spec.templates.flatMap((t): Array<[CrdKind, unknown]> => {
    if (t.networkChaos) return [wrap('networkchaos', t, t.networkChaos)];
    if (t.podChaos) return [wrap('podchaos', t, t.podChaos)];
    if (t.statusCheck) return [wrap('statuschecks', t, t.statusCheck)];
    return [];
  });
}

/** active-passive.yaml with its chaos block changed: the variants reach every template the renderer writes. */
function variant(chaos: Record<string, unknown>, smokeChecks?: unknown[]): DRPlan {
  const doc = parse(readFileSync(join(EXAMPLES_DIR, 'active-passive.yaml'), 'utf8')) as { spec: { drills: Record<string, unknown> } };
  doc.spec.drills['chaos'] = chaos;
  if (smokeChecks) doc.spec.drills['smokeChecks'] = smokeChecks;
  return parsePlan(stringify(doc), 'variant.yaml');
}

const examples = exampleFiles().map((file) => [file, loadExample(file)] as const).filter(([, plan]) => plan.spec.drills.chaos !== undefined);
const plans: Array<readonly [string, DRPlan]> = [
  ...examples,
  ['every outage kind, two checks, no grace', variant({ method: 'chaos-mesh', outage: { kind: ['network-partition', 'pod-failure', 'pod-kill'], duration: '20m' }, abortWhen: { after: '0s' } }, [{ name: 'healthz', path: '/healthz' }, { name: 'checkout', url: 'https://shop.example.com/checkout', expectStatus: 204 }])],
  ['defaults (blast radius = protected names, checks = all smoke checks)', variant({ method: 'chaos-mesh', outage: { duration: '1h' }, blastRadius: { maxPodsPercent: 25 } })],
];
const rendered = plans.flatMap(([name, plan]) => renderChaosMesh(plan).map((w) => [`${name}: ${w.metadata.name}`, w] as const));

describe("rendered Chaos Mesh Workflows against Chaos Mesh's CRDs", () => {
  it('checks at least one example plan with a chaos block', () => {
    expect(examples.map(([file]) => file)).toContain('active-passive.yaml');
  });

  it.each(rendered)('%s is a valid chaos-mesh.org/v1alpha1 Workflow', (_name, workflow) => {
    expect(errorsOf('workflows', workflow)).toEqual([]);
  });

  it.each(rendered)('%s: every chaos and status-check template is valid against its own CRD', (_name, workflow) => {
    const objects = embeddedObjects(workflow);

    const errors = objects.flatMap(([kind, manifest]) => errorsOf(kind, manifest).map((e) => `${kind} ${e}`));

    expect(objects.length).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });
});

describe('the CRD check itself', () => {
  const valid = renderChaosMesh(loadExample('active-passive.yaml'))[0] as ChaosMeshWorkflow;
  const broken = (mutate: (templates: Array<Record<string, Record<string, unknown>>>, m: Record<string, unknown>) => void): unknown => {
    const copy = structuredClone(valid) as unknown as Record<string, unknown> & { spec: { templates: Array<Record<string, Record<string, unknown>>> } };
    mutate(copy.spec.templates, copy);
    return copy;
  };
  const byType = (templates: Array<Record<string, unknown>>, type: string): Record<string, Record<string, unknown>> =>
    templates.find((t) => t['templateType'] === type) as Record<string, Record<string, unknown>>;

  it.each([
    ['an unknown network action', (ts: Array<Record<string, Record<string, unknown>>>) => { (byType(ts, 'NetworkChaos')['networkChaos'] as Record<string, unknown>)['action'] = 'blackhole'; }, '/spec/templates/1/networkChaos/action must be equal to one of the allowed values'],
    ['a direction Chaos Mesh does not know', (ts: Array<Record<string, Record<string, unknown>>>) => { (byType(ts, 'NetworkChaos')['networkChaos'] as Record<string, unknown>)['direction'] = 'all'; }, '/spec/templates/1/networkChaos/direction must be equal to one of the allowed values'],
    ['a misspelt status-check field', (ts: Array<Record<string, Record<string, unknown>>>) => { (byType(ts, 'StatusCheck')['statusCheck'] as Record<string, unknown>)['failureTreshold'] = 2; }, 'statusCheck must NOT have additional properties'],
    ['a failure threshold of 0', (ts: Array<Record<string, Record<string, unknown>>>) => { (byType(ts, 'StatusCheck')['statusCheck'] as Record<string, unknown>)['failureThreshold'] = 0; }, 'statusCheck/failureThreshold must be >= 1'],
    ['a template without a name', (ts: Array<Record<string, Record<string, unknown>>>) => { delete (ts[0] as Record<string, unknown>)['name']; }, "/spec/templates/0 must have required property 'name'"],
    ['no entry', (_ts: unknown, m: Record<string, unknown>) => { delete (m['spec'] as Record<string, unknown>)['entry']; }, "/spec must have required property 'entry'"],
  ])('rejects %s', (_what, mutate, expected) => {
    const manifest = broken(mutate);

    const errors = errorsOf('workflows', manifest);

    expect(errors.join('\n')).toContain(expected);
  });

  it('rejects a PodChaos whose mode is not one Chaos Mesh knows, on the PodChaos CRD', () => {
    const [[kind, manifest]] = embeddedObjects(renderChaosMesh(variant({ method: 'chaos-mesh', outage: { kind: 'pod-failure', duration: '1h' } }))[0] as ChaosMeshWorkflow) as [[CrdKind, { spec: Record<string, unknown> }]];
    manifest.spec['mode'] = 'percent';

    const errors = errorsOf(kind, manifest);

    expect(kind).toBe('podchaos');
    expect(errors.join('\n')).toContain('/spec/mode must be equal to one of the allowed values');
  });
});

describe('lifeboat plan render --chaos chaos-mesh', () => {
  it('prints multi-document YAML whose Workflow passes the CRD check', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const ctx = { stdin: new PassThrough(), stdout: out, stderr: new PassThrough(), env: {}, cwd: REPO_ROOT, status: { exitCode: 0 } };

    await planRenderCommand(ctx).exitOverride().parseAsync(['examples/active-passive.yaml', '--chaos', 'chaos-mesh'], { from: 'user' });

    const text = Buffer.concat(chunks).toString('utf8');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
    expect(text).toMatch(/^# Chaos Mesh Workflow for the failover drill of DR plan platform/);
    expect(docs).toHaveLength(1);
    expect(errorsOf('workflows', docs[0])).toEqual([]);
  });
});
