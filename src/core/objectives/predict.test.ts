import { describe, expect, it } from 'vitest';
import { planWith } from '../../../test/support/valid-plan.js';
import type { DRPlanInput } from '../plan/schema.js';
import { Duration } from './duration.js';
import { exceedsRpo, exceedsRto, predictObjectives } from './predict.js';

type Spec = Partial<DRPlanInput['spec']>;

const PILOT: Spec = { pattern: 'pilot-light', capacity: { type: 'cluster-api', machineDeployment: { namespace: 'capi', name: 'workers', standby: 0, active: 6 } } };
const ACTIVE: Spec = {
  pattern: 'active-active',
  capacity: { type: 'none' },
  regions: [
    { name: 'east', role: 'active', context: 'e', ingress: { address: '192.0.2.1' } },
    { name: 'west', role: 'active', context: 'w', ingress: { address: '192.0.2.2' } },
  ],
};
const GITOPS: Spec = { gitops: { argocd: { namespace: 'argocd', applications: ['shop'] } } };

describe('predictObjectives: RTO', () => {
  it.each<[string, Spec, string, string]>([
    // confirm 2 + declare 5 + fence 1 + scale 3 + restore 5 + verify 2 + switch 2 + watch 5
    ['active-passive with default budgets', {}, 'confirm declare fence scale restore verify switchTraffic watch notify', '25m'],
    ['active-passive, automatic failover: declare leaves the critical path', { trigger: { autoFailover: true } }, 'confirm declare fence scale restore verify switchTraffic watch notify', '20m'],
    // scale 3 and gitopsSync 3 run in parallel: 3, not 6
    ['pilot-light: scale and Argo CD sync in parallel', PILOT, 'confirm declare fence scale gitopsSync restore verify switchTraffic watch notify', '25m'],
    ['pilot-light with a longer sync: the group costs its longest member', { ...PILOT, budgets: { gitopsSync: '10m' } }, 'confirm declare fence scale gitopsSync restore verify switchTraffic watch notify', '32m'],
    ['active-passive with spec.gitops also syncs', { ...GITOPS, budgets: { scale: '8m' } }, 'confirm declare fence scale gitopsSync restore verify switchTraffic watch notify', '30m'],
    // survivors already serve: confirm 2 + declare 5 + switch 2
    ['active-active: no scale, no restore', ACTIVE, 'confirm declare fence verify switchTraffic watch notify', '9m'],
    ['active-active automatic with short budgets', { ...ACTIVE, trigger: { autoFailover: true }, budgets: { confirm: '30s', switchTraffic: '30s' } }, 'confirm declare fence verify switchTraffic watch notify', '1m'],
    ['notify never counts', { budgets: { notify: '2h' } }, 'confirm declare fence scale restore verify switchTraffic watch notify', '25m'],
  ])('%s', (_name, spec, phases, total) => {
    const sut = predictObjectives(planWith(spec));

    expect(sut.rto.phases.map((p) => p.phase).join(' ')).toBe(phases);
    expect(sut.rto.total.toString()).toBe(total);
    expect(sut.rto.basis).toBe('budgets');
  });

  it('marks the parallel group and what is off the critical path', () => {
    const sut = predictObjectives(planWith({ ...PILOT, trigger: { autoFailover: true } }));

    expect(sut.rto.phases.filter((p) => p.group !== undefined).map((p) => `${p.phase}:${p.group}`)).toEqual(['scale:prepare-region', 'gitopsSync:prepare-region']);
    expect(sut.rto.phases.filter((p) => !p.onCriticalPath).map((p) => p.phase)).toEqual(['declare', 'notify']);
  });

  it('uses the RTO measured in a drill over the budgets, and says so', () => {
    const sut = predictObjectives(planWith({ objectives: { rto: '10m', rpo: '2h' } }), { rto: Duration.minutes(12), drillAt: new Date('2026-11-01T10:00:00Z') });

    expect([sut.rto.total.toString(), sut.rto.basis]).toEqual(['12m', 'measured-drill']);
    expect(sut.gaps[0]?.message).toBe('measured RTO 12m (drill of 2026-11-01T10:00:00.000Z) exceeds the 10m objective by 2m; longest phases: declare 5m, restore 5m');
  });
});

describe('predictObjectives: RPO', () => {
  it.each<[string, Spec, string, boolean]>([
    ['hourly, 5m backups: 1h5m fits 2h', {}, '1h5m', true],
    ['hourly, 5m backups: 1h5m misses 1h', { objectives: { rto: '30m', rpo: '1h' } }, '1h5m', false],
    ['weekdays only: the weekend gap', { backup: { storageLocations: [{ name: 'offsite', bucket: 'dr' }], schedules: [{ name: 'nightly', cron: '0 2 * * 1-5', storageLocation: 'offsite', expectedDuration: '10m' }] } }, '3d10m', false],
    ['the best schedule per namespace wins: hourly plus a weekly archive', {
      backup: { storageLocations: [{ name: 'offsite', bucket: 'dr' }], schedules: [
        { name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite' },
        { name: 'archive', cron: '@weekly', storageLocation: 'offsite', ttl: '8760h' },
      ] },
    }, '1h5m', true],
    ['the worst namespace decides', {
      backup: { storageLocations: [{ name: 'offsite', bucket: 'dr' }], schedules: [
        { name: 'prod', cron: '*/15 * * * *', namespaces: ['production'], storageLocation: 'offsite', expectedDuration: '2m' },
        { name: 'mon', cron: '0 */6 * * *', namespaces: ['monitoring'], storageLocation: 'offsite', expectedDuration: '2m' },
      ] },
    }, '6h2m', false],
  ])('%s -> %s', (_name, spec, worst, met) => {
    const sut = predictObjectives(planWith(spec));

    expect(sut.rpo.worstCase.toString()).toBe(worst);
    expect(sut.gaps[1]?.met).toBe(met);
  });

  it('reports per-schedule gap, backup time and worst case', () => {
    const sut = predictObjectives(planWith({}));

    expect(sut.rpo.perSchedule.map((s) => [s.schedule, s.namespaces, s.largestGap.toString(), s.expectedDuration.toString(), s.worstCase.toString()]))
      .toEqual([['hourly', ['production', 'monitoring'], '1h', '5m', '1h5m']]);
  });

  it('calls RPO unbounded when a protected namespace has no schedule', () => {
    const plan = planWith({ backup: { storageLocations: [{ name: 'offsite', bucket: 'dr' }], schedules: [{ name: 'prod', cron: '0 * * * *', namespaces: ['production'], storageLocation: 'offsite' }] } });

    const sut = predictObjectives(plan);

    expect(sut.rpo.uncoveredNamespaces).toEqual(['monitoring']);
    expect(sut.gaps[1]).toMatchObject({ met: false, message: 'RPO is unbounded: no schedule backs up monitoring' });
    expect(exceedsRpo(sut, plan)).toBe(true);
  });

  it('gives active-active without schedules the pattern default of near-zero replication', () => {
    const sut = predictObjectives(planWith({ ...ACTIVE, backup: { mode: 'adopt' } }));

    expect([sut.rpo.worstCase.toString(), sut.rpo.basis, sut.gaps[1]?.met]).toEqual(['1m', 'pattern-default', true]);
  });

  it('cannot bound RPO for an adopt-mode plan without schedules', () => {
    const sut = predictObjectives(planWith({ backup: { mode: 'adopt' } }));

    expect([sut.rpo.basis, sut.gaps[1]?.met]).toEqual(['none', false]);
  });
});

describe('predictObjectives: cost and checks', () => {
  it.each<[string, Spec, number]>([
    ['active-passive', {}, 30],
    ['active-active', ACTIVE, 100],
    ['pilot-light', PILOT, 12.5],
  ])('defaults %s to the midpoint of the pattern range: %d%%', (_name, spec, percent) => {
    const sut = predictObjectives(planWith(spec));

    expect(sut.cost).toEqual({ percentOfProduction: percent, basis: 'pattern-default' });
  });

  it.each([
    [{ cpuMillis: 2000, memoryBytes: 4e9 }, 25],
    [{ cpuMillis: 1000, memoryBytes: 8e9 }, 50],
  ])('uses the scarcer of CPU and memory from resource requests (%o -> %d%%)', (standby, percent) => {
    const sut = predictObjectives(planWith({}), undefined, { production: { cpuMillis: 8000, memoryBytes: 16e9 }, standby });

    expect(sut.cost).toEqual({ percentOfProduction: percent, basis: 'resource-requests' });
  });

  it.each<[string, Spec, boolean, boolean]>([
    ['within both', {}, false, false],
    ['RTO objective too tight', { objectives: { rto: '20m', rpo: '2h' } }, true, false],
    ['RPO objective too tight', { objectives: { rto: '30m', rpo: '1h' } }, false, true],
  ])('exceedsRto/exceedsRpo: %s', (_name, spec, rto, rpo) => {
    const plan = planWith(spec);

    const sut = predictObjectives(plan);

    expect([exceedsRto(sut, plan), exceedsRpo(sut, plan)]).toEqual([rto, rpo]);
    expect(sut.gaps.map((g) => g.met)).toEqual([!rto, !rpo]);
  });
});
