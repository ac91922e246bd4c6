import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export type Schema = Record<string, unknown>;

/** The openAPIV3Schema of one served version of a CRD file (the first document in it). */
export function crdVersionSchema(file: string, version: string): Schema {
  const crd = parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJS() as { spec: { names?: { kind?: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> } };
  const v = crd.spec.versions.find((x) => x.name === version);
  if (!v) throw new Error(`${file} serves no ${version} version`);
  return v.schema.openAPIV3Schema;
}

/**
 * Unknown fields are rejected, as `kubectl apply --validate=strict` does (the API server would
 * otherwise prune them silently): every object with declared properties gets `additionalProperties: false`.
 */
export function strictFields(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictFields);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? mapValues(v as Schema) : strictFields(v)]));
  const declaresFields = 'properties' in out && !('additionalProperties' in out) && !('x-kubernetes-preserve-unknown-fields' in out);
  return declaresFields ? { ...out, additionalProperties: false } : out;
}

const mapValues = (props: Schema): Schema => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, strictFields(v)]));

/** CRDs leave metadata as `type: object`; the API server checks ObjectMeta. These are its rules for what we set. */
export const objectMeta: Schema = {
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
