import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Duration } from '../../core/objectives/duration.js';
import { drPlanSchema } from '../../core/plan/schema.js';
import type { StarterAnswers } from './starter-answers.js';
import { starterPlan } from './starter-plan.js';

const answers = (pattern: StarterAnswers['pattern']): StarterAnswers => ({
  pattern, name: 'shop', primaryContext: 'prod', standbyContext: 'dr', rto: Duration.minutes(20), rpo: Duration.hours(2),
  namespaces: ['shop', 'payments'], dnsProvider: 'powerdns', zone: 'example.com.', record: 'app.example.com.',
});

describe('starterPlan', () => {
  it.each(['active-passive', 'active-active', 'pilot-light'] as const)('writes a %s plan the schema accepts, with the answers in it', (pattern) => {
    const sut = starterPlan(answers(pattern));

    const plan = drPlanSchema.parse(parse(sut.toString()));

    expect(plan.spec.pattern).toBe(pattern);
    expect(plan.spec.regions.map((r) => r.context)).toEqual(['prod', 'dr']);
    expect(plan.spec.protection.namespaces.names).toEqual(['shop', 'payments']);
    expect(plan.spec.objectives.rpo.toString()).toBe('2h');
  });

  it('explains fields in real YAML comments that survive a round-trip', () => {
    const sut = starterPlan(answers('active-passive'));

    const text = sut.toString();

    expect(text).toContain('  # Recovery time objective: longest acceptable time from outage to serving again.\n    rto: 20m');
    expect(text.startsWith('# DR plan "shop" (active-passive)')).toBe(true);
  });

  it.each([
    ['active-passive', 'deployment-replicas', 'standby'],
    ['active-active', 'none', 'active'],
    ['pilot-light', 'cluster-api', 'standby'],
  ] as const)('gives %s capacity %s and a second region with role %s', (pattern, capacity, role) => {
    const plan = drPlanSchema.parse(parse(starterPlan(answers(pattern)).toString()));

    expect([plan.spec.capacity.type, plan.spec.regions[1]?.role]).toEqual([capacity, role]);
  });
});
