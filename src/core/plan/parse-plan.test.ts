import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validPlanInput } from '../../../test/support/valid-plan.js';
import { InputError, type InputIssue } from '../errors.js';
import { parsePlan, parsePlans } from './parse-plan.js';

const PLAN = `apiVersion: lifeboat.dev/v1alpha1
kind: DRPlan
metadata:
  name: shop
spec:
  pattern: active-passive
  regions:
    - name: region-a
      role: primary
      context: ctx-a
      ingress: { address: 192.0.2.10 }
    - name: region-b
      role: standby
      context: ctx-b
      ingress: { address: 192.0.2.20 }
  objectives:
    rto: 30m
    rpo: 2h
  protection:
    namespaces:
      names: [production]
  backup:
    storageLocations:
      - { name: offsite, bucket: dr }
    schedules:
      - { name: hourly, cron: "0 * * * *", storageLocation: offsite }
  traffic: { provider: none, zone: example.com., record: app.example.com. }
  capacity:
    type: deployment-replicas
    deployments: [{ namespace: production, name: web, standby: 0, active: 3 }]
`;

/** The issues parsePlan throws for `text`, as `path (line:col): message`. */
function issuesOf(text: string): string[] {
  try {
    parsePlan(text, 'plan.yaml');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.issues.map((i: InputIssue) => `${i.path} (${i.location ?? '-'}): ${i.message}`);
  }
  throw new Error('parsePlan accepted the text');
}

describe('parsePlan', () => {
  it('returns the typed plan with defaults applied', () => {
    const sut = parsePlan(PLAN, 'plan.yaml');

    expect([sut.metadata.name, sut.spec.objectives.rpo.toString(), sut.spec.budgets.restore.toString(), sut.spec.regions[1]?.veleroNamespace]).toEqual(['shop', '2h', '5m', 'velero']);
  });

  it.each([
    ['a bad duration, at the value', PLAN.replace('rpo: 2h', 'rpo: soon'), 'spec.objectives.rpo (plan.yaml:18:10): expected a duration like "15m", "1h30m" or "PT1H", got "soon"'],
    ['a wrong enum in a list item', PLAN.replace('role: standby', 'role: backup'), 'spec.regions[1].role (plan.yaml:13:13): expected one of "primary", "standby", "active"'],
    ['a missing key, at its parent map', PLAN.replace('      context: ctx-b\n', ''), 'spec.regions[1].context (plan.yaml:12:7): is required (expected string)'],
    ['an unknown key, at the key', PLAN.replace('  objectives:\n', '  objectivs: {}\n  objectives:\n'), 'spec.objectivs (plan.yaml:16:3): unknown field "objectivs"'],
    ['a wrong type in a flow map', PLAN.replace('standby: 0,', 'standby: zero,'), 'spec.capacity.deployments[0].standby (plan.yaml:30:64): expected number, got text'],
    ['an unknown discriminator', PLAN.replace('type: deployment-replicas', 'type: nodes'), 'spec.capacity.type (plan.yaml:29:11): expected one of "none", "deployment-replicas", "cluster-api", "karpenter"'],
    ['a wrong apiVersion', PLAN.replace('v1alpha1', 'v2'), 'apiVersion (plan.yaml:1:13): expected "lifeboat.dev/v1alpha1"'],
    ['a non-mapping document', '42\n', '(document) (plan.yaml:1:1): expected object, got a number; expected a DRPlan mapping (apiVersion, kind, metadata, spec)'],
  ])('reports %s with its path and line:column', (_name, text, expected) => {
    const sut = issuesOf(text);

    expect(sut).toEqual([expected]);
  });

  it('lists every issue of a document, in file order', () => {
    const sut = issuesOf(PLAN.replace('rto: 30m', 'rto: 30').replace('role: standby', 'role: backup').replace('names: [production]', 'names: [Production]'));

    expect(sut.map((s) => s.split(' (')[0])).toEqual(['spec.regions[1].role', 'spec.objectives.rto', 'spec.protection.namespaces.names[0]']);
  });

  it.each([
    ['an unclosed flow sequence', PLAN.replace('pattern: active-passive', 'pattern: [active-passive'), /^ \(plan\.yaml:\d+:\d+\): YAML syntax error: /],
    ['a duplicate key', PLAN.replace('  objectives:\n', '  pattern: pilot-light\n  objectives:\n'), /^ \(plan\.yaml:16:3\): YAML syntax error: Map keys must be unique/],
    ['a tab-indented block', 'apiVersion: x\n\tkind: DRPlan\n', /^ \(plan\.yaml:\d+:\d+\): YAML syntax error: /],
  ])('turns %s into an InputError with line:column', (_name, text, expected) => {
    const sut = issuesOf(text);

    expect(sut[0]).toMatch(expected);
  });

  it.each([
    ['duplicate region names', PLAN.replace('name: region-b', 'name: region-a'), 'spec.regions[1].name (plan.yaml:12:13): region name "region-a" is already used by spec.regions[0]'],
    ['an undeclared storage location', PLAN.replace('storageLocation: offsite', 'storageLocation: elsewhere'), 'spec.backup.schedules[0].storageLocation (plan.yaml:26:61): storage location "elsewhere" is not declared in spec.backup.storageLocations (declared: offsite)'],
    ['managed mode without schedules', PLAN.replace('      - { name: hourly, cron: "0 * * * *", storageLocation: offsite }\n', '').replace('schedules:', 'schedules: []'), 'spec.backup.schedules (plan.yaml:25:16): backup mode managed needs at least one schedule to render; add one, or set mode: adopt to use the Schedules already in the cluster'],
    ['pilot-light scaling deployments', PLAN.replace('pattern: active-passive', 'pattern: pilot-light'), 'spec.capacity.type (plan.yaml:29:11): capacity type deployment-replicas does not fit pilot-light: its recovery region has no worker nodes, so failover must add them: use cluster-api (MachineDeployment) or karpenter (NodePool)'],
    ['weights for an unknown region', PLAN.replace('provider: none,', 'provider: none, weights: { region-a: 50, region-c: 50 },'), 'spec.traffic.weights.region-c (plan.yaml:27:55): "region-c" is not a region of this plan (regions: region-a, region-b)'],
    ['weights that do not add up to 100', PLAN.replace('provider: none,', 'provider: none, weights: { region-a: 50, region-b: 40 },'), 'spec.traffic.weights (plan.yaml:27:39): weights must add up to 100, they add up to 90'],
    ['an smtp channel without a server', `${PLAN}  notifications:\n    - { name: mail, type: smtp, secret: env:SMTP_PASSWORD, to: [dr@example.com] }\n`, 'spec.notifications[0].server (plan.yaml:32:7): smtp notifications need "server" as host:port, e.g. smtp.example.com:587'],
    ['a quorum above the vantage points', `${PLAN}  trigger: { quorum: 2 }\n`, 'spec.trigger.quorum (plan.yaml:31:22): quorum 2 can never be reached with 1 vantage point'],
    ['active-active scaling capacity', PLAN.replace('pattern: active-passive', 'pattern: active-active').replace(/role: (primary|standby)/g, 'role: active'), 'spec.capacity.type (plan.yaml:29:11): capacity type deployment-replicas does not fit active-active: every region already runs full production, so failover scales nothing: use type none'],
  ])('checks across fields: %s', (_name, text, expected) => {
    const sut = issuesOf(text);

    expect(sut).toEqual([expected]);
  });

  it.each([
    ['two primaries and no standby', PLAN.replace('role: standby', 'role: primary'), [
      'spec.regions (plan.yaml:8:5): active-passive needs exactly one region with role primary, found 2 (region-a, region-b)',
      'spec.regions (plan.yaml:8:5): active-passive needs at least one region with role standby to fail over to',
    ]],
    ['an active region in active-passive', PLAN.replace('role: standby', 'role: active'), [
      'spec.regions (plan.yaml:8:5): active-passive needs at least one region with role standby to fail over to',
      'spec.regions[1].role (plan.yaml:13:13): role active is for active-active plans; active-passive uses primary and standby',
    ]],
    ['a standby in active-active', PLAN.replace('pattern: active-passive', 'pattern: active-active').replace('role: primary', 'role: active').replace(/capacity:\n.*\n.*\n/, 'capacity: { type: none }\n'), [
      'spec.regions[1].role (plan.yaml:13:13): active-active plans have no standby: every region has role active',
    ]],
  ])('checks region roles: %s', (_name, text, expected) => {
    const sut = issuesOf(text);

    expect(sut).toEqual(expected);
  });

  it('refuses more than one plan where one is expected', () => {
    const sut = issuesOf(`${PLAN}---\n${PLAN}`);

    expect(sut).toEqual(['(file) (plan.yaml:1:1): holds 2 plans where one is expected; split the file or validate it with `plan validate`']);
  });

  it('reports an inline secret at its field without echoing it', () => {
    const secret = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX';
    const text = `${PLAN}  notifications:\n    - { name: chat, type: slack, secret: "${secret}" }\n`;

    const sut = issuesOf(text);

    expect(sut).toEqual(['spec.notifications[0].secret (plan.yaml:32:42): looks like an inline secret (a Slack webhook URL); a plan holds only references: put the value in an environment variable or a file and write "env:NAME" or "file:/path"']);
    expect(sut.join('\n')).not.toContain('SECRET');
  });
});

describe('parsePlans', () => {
  it('reads every document of a multi-document file and skips empty ones', () => {
    const other = PLAN.replace('name: shop', 'name: payments');

    const sut = parsePlans(`---\n${PLAN}---\n---\n${other}`, 'plans.yaml');

    expect(sut.map((p) => p.metadata.name)).toEqual(['shop', 'payments']);
  });

  it('reports issues of every document with their own lines', () => {
    const text = `${PLAN.replace('rpo: 2h', 'rpo: x')}---\n${PLAN.replace('rto: 30m', 'rto: y')}`;
    const lines = PLAN.split('\n').length - 1;

    let sut: readonly InputIssue[] = [];
    try { parsePlans(text, 'plans.yaml'); } catch (error) { sut = (error as InputError).issues; }

    expect(sut.map((i) => [i.path, i.location])).toEqual([['spec.objectives.rpo', 'plans.yaml:18:10'], ['spec.objectives.rto', `plans.yaml:${lines + 18}:10`]]);
  });

  it('says a file without documents holds no plan', () => {
    expect(() => parsePlans('# nothing here\n', 'empty.yaml')).toThrow('(file): holds no plan');
  });

  it('accepts the valid plan fixture serialised by yaml', () => {
    const sut = parsePlans(stringify(validPlanInput()), 'fixture.yaml');

    expect(sut).toHaveLength(1);
  });

  it.each([
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`],
    ['deep nesting', `x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    ['a self-referencing alias', 'a: &x [*x]\n'],
    ['YAML 1.1 sets and timestamps', '%YAML 1.1\n---\nkind: !!set { a, b }\nmetadata: 2001-12-14t21:59:43.10-05:00\n'],
    ['a __proto__ key', '__proto__: { polluted: true }\nkind: DRPlan\n'],
    ['binary garbage', '\u0000\u0001\u0002: [\n'],
  ])('turns %s into an InputError, never another error', (_name, text) => {
    expect(() => parsePlans(text, 'odd.yaml')).toThrow(InputError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
