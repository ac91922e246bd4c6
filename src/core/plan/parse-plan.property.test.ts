import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import { parsePlan } from './parse-plan.js';

type Path = ReadonlyArray<string | number>;

/**
 * A small valid plan: every required part and a few optional ones (references, a secret ref, a
 * weight map). Small on purpose: parsing YAML is most of each run's cost, and 100,000 runs must fit
 * in about a minute on two cores.
 */
const BASE = {
  apiVersion: 'lifeboat.dev/v1alpha1',
  kind: 'DRPlan',
  metadata: { name: 'shop' },
  spec: {
    pattern: 'active-passive',
    regions: [
      { name: 'a', role: 'primary', context: 'ca', location: 'eu-1', ingress: { address: '192.0.2.1' } },
      { name: 'b', role: 'standby', context: 'cb', ingress: { address: '192.0.2.2' } },
    ],
    objectives: { rto: '30m', rpo: '2h' },
    protection: { namespaces: { names: ['prod'] }, volumes: 'snapshot' },
    backup: { storageLocations: [{ name: 'o', bucket: 'dr' }], schedules: [{ name: 'h', cron: '0 * * * *', storageLocation: 'o', ttl: '720h' }] },
    traffic: { provider: 'powerdns', credentials: 'env:K', zone: 'z.', record: 'r.z.', weights: { a: 100 } },
    capacity: { type: 'cluster-api', machineDeployment: { namespace: 'n', name: 'w', standby: 0, active: 3 } },
    notifications: [{ name: 'm', type: 'smtp', secret: 'env:P', to: ['dr@example.com'], server: 's:25' }],
  },
};

/** Every path in the valid plan, computed once: mutations pick one by index, which keeps generation cheap. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v: unknown, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

const PATHS = pathsOf(BASE).filter((p) => p.length > 0);

/** Wrong-typed and tricky values: numbers, null, lists, maps, near-miss strings, secrets, deep nests. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1h', '-5m', '0', 'PT', 'env:', 'file:/x', 'primary', 'active', '*', '@every 1d', '0 25 * * *', 'https://hooks.slack.com/services/T/B/x', 'hunter2', '', ' '),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
  fc.nat(40).map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ deeper: [inner] }), 'leaf')),
);

const mutation = fc.record({
  at: fc.nat(PATHS.length - 1),
  op: fc.constantFrom('delete', 'replace', 'inject'),
  key: fc.constantFrom('extra', 'token', 'password', 'names', 'type', '0', 'role'),
  value: junk,
});

function apply(root: unknown, m: { at: number; op: string; key: string; value: unknown }): void {
  const path = PATHS[m.at] ?? [];
  let parent = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    const next = parent[segment];
    if (next === null || typeof next !== 'object') return;
    parent = next as Record<string | number, unknown>;
  }
  const last = path.at(-1) ?? '';
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.op === 'replace') parent[last] = m.value;
  else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = m.value;
    else parent[last] = { [m.key]: m.value };
  }
}

describe('parsePlan on malformed plans (property)', () => {
  it('throws nothing but InputErrors, each with issues that name a path or a location', () => {
    expect(() => parsePlan(stringify(BASE), 'base.yaml')).not.toThrow();

    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const plan: unknown = structuredClone(BASE);
        for (const m of mutations) apply(plan, m);
        const text = stringify(plan, { aliasDuplicateObjects: false });
        try {
          parsePlan(text, 'plan.yaml');
          return true;
        } catch (error) {
          if (!(error instanceof InputError)) return false;
          return error.issues.length > 0 && error.issues.every((i) => i.path !== '' || (i.location ?? '') !== '');
        }
      }),
      { numRuns: 100_000 },
    );
  }, 1_800_000); // about a minute on an idle two-core machine; far longer when it is shared
});
