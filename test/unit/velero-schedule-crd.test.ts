import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderVeleroSchedules } from '../../src/core/report/render-velero-schedules.js';
import { exampleFiles, loadExample } from '../support/example-plans.js';

type Schema = Record<string, unknown>;

/** A rendered manifest loosened so tests can break it on purpose. */
interface Loose {
  metadata: { name: unknown; labels: Record<string, unknown> };
  spec: { schedule?: unknown; template: Record<string, unknown> };
}

/** Velero's own Schedule CRD, copied from the Velero module by scripts/gen-velero-crds.sh. */
function scheduleCrdSchema(): Schema {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'velero-crds', 'velero.io_schedules.yaml'), 'utf8');
  const crd = parseAllDocuments(text)[0]?.toJS() as { spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> } };
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  if (!v1) throw new Error('the Schedule CRD has no v1 version');
  return v1.schema.openAPIV3Schema;
}

/**
 * Unknown fields are rejected, as `kubectl apply --validate=strict` does (the API server would
 * otherwise prune them silently): every object with declared properties gets `additionalProperties: false`.
 */
function strictFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictFields);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? mapValues(v as Schema) : strictFields(v)]));
  const declaresFields = 'properties' in out && !('additionalProperties' in out) && !('x-kubernetes-preserve-unknown-fields' in out);
  return declaresFields ? { ...out, additionalProperties: false } : out;
}

const mapValues = (props: Schema): Schema => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, strictFields(v)]));

/** The CRD leaves metadata as `type: object`; the API server checks ObjectMeta. These are its rules for what we set. */
const objectMeta: Schema = {
  type: 'object',
  required: ['name', 'namespace'],
  properties: {
    name: { type: 'string', maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' },
    namespace: { type: 'string', maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63, pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

function scheduleValidator(): ValidateFunction {
  const schema = strictFields(scheduleCrdSchema()) as Schema & { properties: Schema };
  const withMeta = { ...schema, required: ['apiVersion', 'kind', 'metadata', 'spec'], properties: { ...schema.properties, metadata: objectMeta, apiVersion: { const: 'velero.io/v1' }, kind: { const: 'Schedule' } } };
  // strict: false lets ajv ignore the x-kubernetes-* vocabulary; `nullable` is ajv's OpenAPI keyword.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/ } });
  return ajv.compile(withMeta);
}

const sut = scheduleValidator();
const errorsOf = (manifest: unknown): string[] => (sut(manifest) ? [] : (sut.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

describe('rendered Velero Schedules against Velero\'s Schedule CRD', () => {
  const rendered = exampleFiles().flatMap((file) => renderVeleroSchedules(loadExample(file)).map((s) => [`${file}: ${s.metadata.name}`, s] as const));

  it('renders at least one Schedule from the examples', () => {
    expect(rendered.length).toBeGreaterThanOrEqual(exampleFiles().length);
  });

  it.each(rendered)('%s is a valid velero.io/v1 Schedule', (_name, manifest) => {
    expect(errorsOf(manifest)).toEqual([]);
  });
});

describe('the CRD check itself', () => {
  const valid = renderVeleroSchedules(loadExample('lab.yaml'))[0];
  const broken = (mutate: (m: Loose) => void): unknown => {
    const copy = structuredClone(valid) as unknown as Loose;
    mutate(copy);
    return copy;
  };

  it.each([
    ['a ttl that is a number', (m: Loose) => { m.spec.template.ttl = 720; }, '/spec/template/ttl must be string'],
    ['no cron schedule', (m: Loose) => { delete m.spec.schedule; }, "must have required property 'schedule'"],
    ['a misspelt spec field', (m: Loose) => { m.spec.template.snapshotVolume = true; }, '/spec/template must NOT have additional properties'],
    ['an invalid metadata.name', (m: Loose) => { m.metadata.name = 'Hourly_Backup'; }, '/metadata/name must match pattern'],
    ['a non-string label value', (m: Loose) => { m.metadata.labels['lifeboat.dev/plan'] = 1; }, '/metadata/labels/lifeboat.dev~1plan must be string'],
  ])('rejects %s', (_what, mutate, expected) => {
    const manifest = broken(mutate);

    const errors = errorsOf(manifest);

    expect(errors.join('\n')).toContain(expected);
  });
});
