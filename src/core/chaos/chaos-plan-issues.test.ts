import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLES_DIR } from '../../../test/support/example-plans.js';
import { InputError } from '../errors.js';
import { parsePlan } from '../plan/parse-plan.js';

const PLAN = `apiVersion: lifeboat.dev/v1alpha1
kind: DRPlan
metadata:
  name: shop
spec:
  pattern: active-passive
  regions:
    - { name: region-a, role: primary, context: ctx-a, ingress: { address: 192.0.2.10 } }
    - { name: region-b, role: standby, context: ctx-b, ingress: { address: 192.0.2.20 } }
  objectives: { rto: 30m, rpo: 2h }
  protection:
    namespaces: { names: [production, monitoring], globs: [team-*], exclude: [team-sandbox] }
  backup:
    storageLocations: [{ name: offsite, bucket: dr }]
    schedules: [{ name: hourly, cron: "0 * * * *", storageLocation: offsite }]
  traffic: { provider: none, zone: example.com., record: app.example.com. }
  capacity: { type: deployment-replicas, deployments: [{ namespace: production, name: web, standby: 0, active: 3 }] }
  drills:
    smokeChecks:
      - { name: web, path: /healthz }
`;

/** The issues parsePlan throws for the plan with these lines appended under spec.drills, as InputError formats them. */
function issuesWith(drillsLines: string, plan = PLAN): string[] {
  try {
    parsePlan(plan + drillsLines, 'plan.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('spec.drills.chaos cross-field rules', () => {
  it('accepts a blast radius of protected names and glob matches, and abort checks that are smoke checks', () => {
    const sut = issuesWith(`    chaos:
      method: chaos-mesh
      outage: { duration: 1h }
      blastRadius: { namespaces: [monitoring, team-payments] }
      abortWhen: { checks: [web] }
`);

    expect(sut).toEqual([]);
  });

  it('rejects a blast-radius namespace the plan does not protect, naming the field and its line', () => {
    const sut = issuesWith(`    chaos:
      method: chaos-mesh
      outage: { duration: 1h }
      blastRadius:
        namespaces: [production, payments, team-sandbox]
`);

    expect(sut).toEqual([
      'spec.drills.chaos.blastRadius.namespaces[1]: "payments" is not protected by this plan: spec.drills.chaos.blastRadius.namespaces must be a subset of spec.protection.namespaces (production, monitoring, team-*) (plan.yaml:25:34)',
      'spec.drills.chaos.blastRadius.namespaces[2]: "team-sandbox" is not protected by this plan: spec.drills.chaos.blastRadius.namespaces must be a subset of spec.protection.namespaces (production, monitoring, team-*) (plan.yaml:25:44)',
    ]);
  });

  it('rejects an abort check that names no smoke check', () => {
    const sut = issuesWith(`    chaos:
      method: litmus
      outage: { duration: 1h }
      abortWhen:
        checks:
          - checkout
`);

    expect(sut).toEqual(['spec.drills.chaos.abortWhen.checks[0]: "checkout" is not a smoke check of this plan: spec.drills.chaos.abortWhen.checks must name entries of spec.drills.smokeChecks (web) (plan.yaml:26:13)']);
  });

  it('rejects an outage that ends before the abort checks start counting (default: the RTO objective)', () => {
    const byDefault = issuesWith(`    chaos:
      method: chaos-mesh
      outage:
        duration: 20m
`);
    const written = issuesWith(`    chaos:
      method: chaos-mesh
      outage: { duration: 20m }
      abortWhen: { after: 25m }
`);

    expect(byDefault).toEqual(['spec.drills.chaos.outage.duration: the outage lasts 20m, not longer than spec.drills.chaos.abortWhen.after (default: the RTO objective, 30m), so the abort checks would never run: make the outage outlast the RTO objective (that is what a failover drill proves) or shorten abortWhen.after (plan.yaml:24:19)']);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^spec\.drills\.chaos\.abortWhen\.after: the outage lasts 20m, not longer than spec\.drills\.chaos\.abortWhen\.after \(25m\).* \(plan\.yaml:24:27\)$/);
  });

  it('lets a short outage through when there is no check to run', () => {
    const sut = issuesWith(`    chaos:
      method: chaos-mesh
      outage: { duration: 5m }
      abortWhen: { checks: [] }
`);

    expect(sut).toEqual([]);
  });

  it('rejects a real-cluster method when no namespace is protected by name and none is listed', () => {
    const globsOnly = PLAN.replace('names: [production, monitoring], ', '').replace('namespace: production, name: web', 'namespace: team-a, name: web');

    const sut = issuesWith(`    chaos: { method: litmus, outage: { duration: 1h } }
`, globsOnly);
    const lab = issuesWith(`    chaos: { method: lab }
`, globsOnly);

    expect(sut).toEqual([expect.stringMatching(/^spec\.drills\.chaos\.blastRadius\.namespaces: names no namespace: list the namespaces to take down here .* \(plan\.yaml:21:12\)$/)]);
    expect(lab).toEqual([]);
  });
});

describe('spec.drills.chaos fields', () => {
  it.each([
    ['an unknown method', 'chaos: { method: gremlin }', 'spec.drills.chaos.method: expected one of "lab", "chaos-mesh", "litmus"'],
    ['an unknown outage kind', 'chaos: { outage: { kind: [network-partition, dns-outage] } }', 'spec.drills.chaos.outage.kind'],
    ['0 percent of pods', 'chaos: { blastRadius: { maxPodsPercent: 0 } }', 'spec.drills.chaos.blastRadius.maxPodsPercent: must be at least 1'],
    ['more than 100 percent', 'chaos: { blastRadius: { maxPodsPercent: 150 } }', 'spec.drills.chaos.blastRadius.maxPodsPercent: must be at most 100'],
    ['a zero abort threshold', 'chaos: { abortWhen: { failingChecks: 0 } }', 'spec.drills.chaos.abortWhen.failingChecks: must be at least 1'],
    ['a sub-second probe interval', 'chaos: { abortWhen: { interval: 500ms } }', 'spec.drills.chaos.abortWhen.interval: must be at least 1s'],
    ['an empty blast radius list', 'chaos: { blastRadius: { namespaces: [] } }', 'spec.drills.chaos.blastRadius.namespaces: needs at least 1 item'],
    ['a misspelt field', 'chaos: { blastRadious: {} }', 'spec.drills.chaos.blastRadious: unknown field "blastRadious"'],
  ])('rejects %s', (_what, line, expected) => {
    const sut = issuesWith(`    ${line}\n`);

    expect(sut.join('\n')).toContain(expected);
    expect(sut.join('\n')).toMatch(/\(plan\.yaml:21:\d+\)/);
  });
});

describe('plans without a chaos block', () => {
  it('parse exactly as before: the block adds spec.drills.chaos and nothing else', () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'active-passive.yaml'), 'utf8');
    const doc = parse(text) as { spec: { drills: Record<string, unknown> } };
    delete doc.spec.drills['chaos'];

    const withChaos = parsePlan(text, 'active-passive.yaml');
    const without = parsePlan(stringify(doc), 'active-passive.yaml');

    expect(without.spec.drills.chaos).toBeUndefined();
    expect({ ...withChaos, spec: { ...withChaos.spec, drills: { ...withChaos.spec.drills, chaos: undefined } } }).toEqual(without);
  });
});
