import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { predictObjectives } from '../objectives/predict.js';
import { aBackup, aHealthySnapshot, aLocation, aPlan, aSchedule, minutesAgo, NOW } from '../../testing/posture-fixtures.js';
import type { ScheduleRecord } from '../ports/backup-catalog.js';
import type { ClusterInventory } from '../ports/kubernetes-inventory.js';
import { evaluatePosture } from './evaluate-posture.js';
import type { PostureSnapshot, RegionObservation, TrafficObservation } from './posture-snapshot.js';

type Reachable = Extract<RegionObservation, { reachable: true }>;
const primary = (s: PostureSnapshot): Reachable => s.regions[0] as Reachable;
const standby = (s: PostureSnapshot): Reachable => s.regions[1] as Reachable;
const problems = (s: PostureSnapshot): string[] => evaluatePosture(s).filter((f) => f.severity !== 'info').map((f) => f.id);

describe('evaluatePosture', () => {
  it('finds nothing wrong in a healthy snapshot, and reports the achieved RPO and predicted RTO', () => {
    const sut = aHealthySnapshot();

    const findings = evaluatePosture(sut);

    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.find((f) => f.id === 'rpo.achieved')?.evidence).toMatchObject({ namespace: 'production', backup: 'every-5m-1', achieved: '5m', achievedSeconds: 300 });
    expect(findings.find((f) => f.id === 'rto.predicted')?.evidence).toMatchObject({ predicted: predictObjectives(sut.plan).rto.total.toString(), source: 'budgets' });
  });

  it('breaches the RPO when the newest Completed backup is older than the target', () => {
    const sut = aHealthySnapshot();
    primary(sut).catalog!.backups = [aBackup('old', { startTimestamp: minutesAgo(40), completionTimestamp: minutesAgo(39) })];

    const breach = evaluatePosture(sut).find((f) => f.id === 'rpo.breached');

    expect(breach?.evidence).toMatchObject({ namespace: 'production', backup: 'old', achieved: '40m', target: '15m' });
  });

  it.each([
    ['Failed', false, true],
    ['PartiallyFailed', false, true],
    ['PartiallyFailed', true, false],
  ] as const)('a newest backup %s (acceptPartiallyFailed %s) breaches the RPO: %s', (phase, accept, breached) => {
    const sut = aHealthySnapshot(aPlan({ protection: { namespaces: { names: ['production'] }, volumes: 'none', acceptPartiallyFailed: accept } }));
    primary(sut).catalog!.backups = [aBackup('only', { phase, errors: 2 })];

    const ids = evaluatePosture(sut).map((f) => f.id);

    expect(ids.includes('rpo.breached')).toBe(breached);
    expect(ids).toContain('schedule.failing');
  });

  it('reports a schedule whose newest backup failed, with the failure as evidence', () => {
    const sut = aHealthySnapshot();
    primary(sut).catalog!.backups.push(aBackup('every-5m-2', { phase: 'Failed', startTimestamp: minutesAgo(1), failureReason: 'bucket not found' }));

    const f = evaluatePosture(sut).find((x) => x.id === 'schedule.failing');

    expect(f).toMatchObject({ severity: 'error', evidence: { schedule: 'every-5m', backup: 'every-5m-2', phase: 'Failed', failureReason: 'bucket not found' } });
  });

  it.each([
    ['InProgress for over 3x the expected duration', { phase: 'InProgress', startTimestamp: minutesAgo(4), completionTimestamp: undefined }, minutesAgo(4)],
    ['silent for over twice the largest gap', { startTimestamp: minutesAgo(11), completionTimestamp: minutesAgo(10) }, minutesAgo(11)],
  ] as const)('reports a stuck schedule: %s', (_what, newest, lastBackup) => {
    const sut = aHealthySnapshot(aPlan({ objectives: { rto: '15m', rpo: '30m' }, backup: { mode: 'adopt', storageLocations: [{ name: 'default', bucket: 'velero' }], schedules: [{ name: 'every-5m', cron: '*/5 * * * *', storageLocation: 'default', expectedDuration: '1m' }] } }));
    primary(sut).catalog!.backups = [aBackup('every-5m-9', newest)];
    primary(sut).catalog!.schedules = [aSchedule('every-5m', { lastBackup })];

    expect(problems(sut)).toContain('schedule.stuck');
  });

  it('reports a live schedule whose cron cannot meet the RPO', () => {
    const sut = aHealthySnapshot();
    primary(sut).catalog!.schedules = [aSchedule('every-5m', { cron: '0 3 * * *' })];

    const f = evaluatePosture(sut).find((x) => x.id === 'schedule.rpo-exceeded');

    expect(f?.evidence).toMatchObject({ schedule: 'every-5m', gap: '1d', target: '15m' });
    expect(problems(sut)).toEqual(['schedule.rpo-exceeded']);
  });

  it('leaves a slow archive schedule alone when a faster one covers the same namespaces', () => {
    const sut = aHealthySnapshot();
    primary(sut).catalog!.schedules.push(aSchedule('nightly-archive', { cron: '0 3 * * *', ttl: Duration.days(90), ttlText: '2160h0m0s' }));

    expect(problems(sut)).toEqual([]);
  });

  it('reports namespaces and PVCs no schedule covers, leaving system namespaces alone', () => {
    const sut = aHealthySnapshot();
    const inv: ClusterInventory = primary(sut).inventory;
    inv.namespaces.push({ name: 'posture-new', labels: {} });
    inv.pvcs.push({ namespace: 'posture-new', name: 'data' });

    const found = evaluatePosture(sut).filter((f) => f.severity !== 'info');

    expect(found.map((f) => f.id).sort()).toEqual(['coverage.namespace-unprotected', 'coverage.pvc-unprotected']);
    expect(found.find((f) => f.id === 'coverage.pvc-unprotected')?.evidence).toMatchObject({ namespace: 'posture-new', pvc: 'data' });
  });

  it.each([
    ['labelSelector matchLabels, PVC matches', { selectors: [{ matchLabels: { backup: 'yes' } }] }, { backup: 'yes' }, []],
    ['labelSelector matchLabels, PVC does not', { selectors: [{ matchLabels: { backup: 'yes' } }] }, { backup: 'no' }, ['coverage.pvc-unprotected']],
    ['matchExpressions In', { selectors: [{ matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['db', 'cache'] }] }] }, { tier: 'db' }, []],
    ['matchExpressions NotIn', { selectors: [{ matchExpressions: [{ key: 'tier', operator: 'NotIn' as const, values: ['db'] }] }] }, { tier: 'db' }, ['coverage.pvc-unprotected']],
    ['orLabelSelectors: one of them matches', { selectors: [{ matchLabels: { a: '1' } }, { matchLabels: { b: '2' } }] }, { b: '2' }, []],
    ['orLabelSelectors: none matches', { selectors: [{ matchLabels: { a: '1' } }, { matchLabels: { b: '2' } }] }, { c: '3' }, ['coverage.pvc-unprotected']],
    ['no selector: every PVC of the namespace', {}, {}, []],
  ] as Array<[string, Partial<ScheduleRecord>, Record<string, string>, string[]]>)('honours a schedule\'s label selectors for PVCs (%s)', (_what, scope, labels, expected) => {
    const sut = aHealthySnapshot();
    const region = primary(sut);
    if (region.catalog) region.catalog.schedules = [aSchedule('every-5m', scope)];
    region.inventory.pvcs.push({ namespace: 'production', name: 'data', labels });

    const found = evaluatePosture(sut).filter((f) => f.id === 'coverage.pvc-unprotected' && f.evidence?.pvc === 'data');

    expect(found.map((f) => f.id)).toEqual(expected);
    if (expected.length > 0) expect(found[0]?.message).toContain('label selectors');
  });

  it('honours the plan\'s globs, label selectors and excludes for coverage', () => {
    const plan = aPlan({ protection: { namespaces: { names: [], globs: ['prod*'], selector: { matchLabels: { tier: 'critical' } }, exclude: ['scratch-*'] }, volumes: 'none' } });
    const sut = aHealthySnapshot(plan);
    primary(sut).inventory.namespaces.push({ name: 'scratch-1', labels: {} }, { name: 'payments', labels: { tier: 'critical' } });

    const found = evaluatePosture(sut).filter((f) => f.id.startsWith('coverage.') || f.id.startsWith('rpo.'));

    expect(found.map((f) => `${f.id}:${String(f.evidence?.namespace)}`).sort()).toEqual(['coverage.namespace-unprotected:payments', 'rpo.achieved:production', 'rpo.breached:payments']);
  });

  it('reports a namespace the plan names that does not exist', () => {
    const sut = aHealthySnapshot(aPlan({ protection: { namespaces: { names: ['production', 'billing'] }, volumes: 'none' } }));

    expect(problems(sut)).toEqual(['coverage.namespace-missing']);
  });

  it('reports a restore source whose resource list lacks the namespace, or a kind running there', () => {
    const missingNs = aHealthySnapshot();
    missingNs.contents['every-5m-1'] = { 'v1/ConfigMap': ['monitoring/x'] };
    const missingKind = aHealthySnapshot();
    missingKind.contents['every-5m-1'] = { 'v1/ConfigMap': ['production/x', 'production/y'] };

    const ns = evaluatePosture(missingNs).find((f) => f.id === 'backup.contents-missing-namespace');
    const kind = evaluatePosture(missingKind).find((f) => f.id === 'backup.contents-missing-kind');

    expect(ns?.evidence).toMatchObject({ namespace: 'production', namespacesInBackup: ['monitoring'] });
    expect(kind?.evidence).toMatchObject({ kind: 'apps/v1/Deployment', live: 2, countsInBackup: { 'v1/ConfigMap': 2 } });
  });

  it('reports an Unavailable storage location: error when in use, warning otherwise', () => {
    const sut = aHealthySnapshot();
    primary(sut).catalog!.locations.push(aLocation('posture-broken', { phase: 'Unavailable', bucket: 'nope' }));

    const f = evaluatePosture(sut).filter((x) => x.id === 'storage.location-unavailable');

    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', evidence: { location: 'posture-broken', bucket: 'nope', region: 'region-a' } });
  });

  it('reports an unreachable standby and nothing else about it', () => {
    const sut = aHealthySnapshot();
    sut.regions[1] = { region: 'region-b', role: 'standby', reachable: false, reason: 'connect EHOSTUNREACH' };

    expect(problems(sut)).toEqual(['standby.unreachable']);
  });

  it('reports a standby whose Velero has not synced the newest backup, past the grace period', () => {
    const sut = aHealthySnapshot();
    standby(sut).catalog!.backups = [];

    expect(problems(sut)).toEqual(['standby.velero-not-synced']);
  });

  it('reports a standby without room for the protected workloads, and CRDs the backups need', () => {
    const sut = aHealthySnapshot();
    primary(sut).inventory.requests[0] = { namespace: 'production', cpuMillis: 6000, memoryBytes: 2 ** 30 };
    primary(sut).inventory.crds.push({ name: 'certificates.cert-manager.io', group: 'cert-manager.io', kind: 'Certificate' });
    sut.contents['every-5m-1']!['cert-manager.io/v1/Certificate'] = ['production/tls'];

    const found = evaluatePosture(sut).filter((f) => f.severity !== 'info');

    expect(found.map((f) => f.id).sort()).toEqual(['standby.capacity-insufficient', 'standby.crd-missing']);
    expect(found.find((f) => f.id === 'standby.capacity-insufficient')?.evidence).toMatchObject({ requested: { cpuMillis: 6000 }, allocatable: { cpuMillis: 4000 } });
  });

  it.each([
    [{ ok: false, reason: 'ECONNREFUSED' }, 'traffic.provider-unreachable'],
    [{ ok: true, state: undefined }, 'traffic.record-missing'],
    [{ ok: true, state: { targets: ['10.0.0.1'], ttl: Duration.minutes(5) } }, 'traffic.ttl-too-long'],
  ] as Array<[TrafficObservation, string]>)('reports traffic problems: %o -> %s', (traffic, id) => {
    const sut = aHealthySnapshot();
    sut.traffic = traffic;

    expect(problems(sut)).toEqual([id]);
  });

  it('reports drills never run (error for component/failover) and overdue ones', () => {
    const never = aHealthySnapshot();
    never.drills = [];
    const overdue = aHealthySnapshot();
    overdue.drills = overdue.drills.map((d) => (d.kind === 'component' ? { ...d, finishedAt: new Date(NOW.getTime() - 8 * 86_400_000) } : d));

    const neverFound = evaluatePosture(never).filter((f) => f.id === 'drill.overdue').map((f) => `${String(f.evidence?.kind)}:${f.severity}`);

    expect(neverFound.sort()).toEqual(['component:error', 'failover:error', 'tabletop:warning']);
    expect(evaluatePosture(overdue).filter((f) => f.id === 'drill.overdue').map((f) => f.evidence?.kind)).toEqual(['component']);
  });

  it('predicts the RTO from the last measured failover drill when there is one', () => {
    const sut = aHealthySnapshot();
    sut.drills.push({ plan: 'shop', kind: 'failover', finishedAt: minutesAgo(30), succeeded: true, measuredRto: Duration.minutes(20) });

    const f = evaluatePosture(sut).find((x) => x.id === 'rto.predicted-exceeds');

    expect(f).toMatchObject({ severity: 'error', evidence: { predicted: '20m', source: 'drill' } });
  });

  it('reports backups that expire before the retention the plan asks for', () => {
    const sut = aHealthySnapshot(aPlan({ protection: { namespaces: { names: ['production'] }, volumes: 'none', retention: '72h' } }));
    primary(sut).catalog!.schedules = [aSchedule('every-5m', { ttl: Duration.hours(72), ttlText: '72h0m0s' })];

    expect(problems(sut)).toEqual(['backup.expiring-before-retention']);
  });

  it('reports an unreachable primary as such and judges nothing else about it', () => {
    const sut = aHealthySnapshot();
    sut.regions[0] = { region: 'region-a', role: 'primary', reachable: false, reason: 'timeout' };

    expect(problems(sut)).toEqual(['primary.unreachable']);
  });
});
