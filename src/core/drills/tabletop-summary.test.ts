import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { failoverRunbook } from '../runbook/failover/failover-runbook.js';
import { aPlan } from '../../testing/posture-fixtures.js';
import type { TabletopAnswer } from './tabletop-answers.js';
import { tabletopSteps } from './tabletop-steps.js';
import { flagsOf, summarizeTabletop } from './tabletop-summary.js';

const answer = (estimate: string, owner: string | null = 'ana'): TabletopAnswer => ({ owner, estimate: Duration.parse(estimate), notes: '', discussedMs: 1000 });

describe('flagsOf', () => {
  it.each([
    ['ana', '4m', []],
    ['ana', '5m', []],
    ['ana', '5m1s', ['over-budget']],
    [null, '1m', ['no-owner']],
    [null, '9m', ['no-owner', 'over-budget']],
  ])('owner %s, estimate %s against a 5m budget: %j', (owner, estimate, flags) => {
    expect(flagsOf({ budget: Duration.minutes(5) }, answer(estimate, owner))).toEqual(flags);
  });
});

describe('summarizeTabletop', () => {
  const plan = aPlan({ objectives: { rto: '15m', rpo: '15m' } });
  const runbook = failoverRunbook(plan, ['production', 'monitoring']);
  const steps = tabletopSteps(plan, runbook);
  const everyStep = (estimate: string): Map<string, TabletopAnswer> => new Map(steps.map((s) => [s.id, answer(estimate)]));

  it('adds estimates along the critical path: parallel restores count once at the longest, notify not at all', () => {
    const answers = everyStep('1m');
    answers.set('restore-production', answer('5m'));
    answers.set('restore-monitoring', answer('2m'));
    answers.set('notify', answer('10m'));

    const sut = summarizeTabletop(plan, runbook, steps, answers);

    expect(sut.estimatedRto.toString()).toBe('13m');
    expect(sut).toMatchObject({ complete: true, exceedsObjective: false, unowned: [], overBudget: ['restore-production', 'notify'], succeeded: true });
  });

  it('fails the tabletop when a step has no owner, and names it', () => {
    const answers = everyStep('1m');
    answers.set('fence', answer('1m', null));

    const sut = summarizeTabletop(plan, runbook, steps, answers);

    expect(sut.unowned).toEqual(['fence']);
    expect(sut.rows.find((r) => r.step.id === 'fence')?.flags).toEqual(['no-owner']);
    expect(sut.succeeded).toBe(false);
  });

  it('fails the tabletop when the estimated RTO exceeds the objective, though every step is owned', () => {
    const answers = everyStep('2m');

    const sut = summarizeTabletop(plan, runbook, steps, answers);

    expect(sut.estimatedRto.toString()).toBe('18m');
    expect(sut.objective.toString()).toBe('15m');
    expect(sut).toMatchObject({ exceedsObjective: true, unowned: [], succeeded: false });
  });

  it('leaves the declare gate off the path when failover is automatic', () => {
    const auto = aPlan({ trigger: { unreachableFor: '5m', failingChecks: 2, autoFailover: true } });
    const autoRunbook = failoverRunbook(auto, ['production']);
    const autoSteps = tabletopSteps(auto, autoRunbook);
    const answers = new Map(autoSteps.map((s) => [s.id, answer(s.id === 'declare' ? '1h' : '1m')]));

    const sut = summarizeTabletop(auto, autoRunbook, autoSteps, answers);

    expect(sut.estimatedRto.toString()).toBe('8m');
  });

  it('counts steps not discussed at their budgets and is then incomplete', () => {
    const answers = new Map([['confirm-outage', answer('30s')]]);

    const sut = summarizeTabletop(plan, runbook, steps, answers);

    expect(sut.complete).toBe(false);
    expect(sut.succeeded).toBe(false);
    expect(sut.estimatedRto.toString()).toBe(sut.budgetedRto.minus(Duration.seconds(30)).toString());
    expect(sut.rows.filter((r) => !r.answer)).toHaveLength(steps.length - 1);
  });
});
