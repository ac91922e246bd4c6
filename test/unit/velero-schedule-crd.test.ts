import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderVeleroSchedules } from '../../src/core/report/render-velero-schedules.js';
import { crdVersionSchema, objectMeta, strictFields, type Schema } from '../support/crd-schema.js';
import { exampleFiles, loadExample } from '../support/example-plans.js';

/** A rendered manifest loosened so tests can break it on purpose. */
interface Loose {
  metadata: { name: unknown; labels: Record<string, unknown> };
  spec: { schedule?: unknown; template: Record<string, unknown> };
}

/** Velero's own Schedule CRD, copied from the Velero module by scripts/gen-velero-crds.sh. */
function scheduleCrdSchema(): Schema {
  return crdVersionSchema(join(import.meta.dirname, '..', 'fixtures', 'velero-crds', 'velero.io_schedules.yaml'), 'v1');
}

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
