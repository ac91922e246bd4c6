import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { planRegions } from './plan-regions.js';

const region = (name: string, role: 'primary' | 'standby' | 'active') => ({ name, role, context: `ctx-${name}`, ingress: { address: '192.0.2.1' } });

describe('planRegions', () => {
  it('picks the primary and standby by role, whatever their order', () => {
    const sut = samplePlan({ regions: [region('b', 'standby'), region('a', 'primary')] });

    const pair = planRegions(sut);

    expect([pair.primary.name, pair.standby.name]).toEqual(['a', 'b']);
  });

  it('treats the first active region as primary in an active-active plan', () => {
    const sut = samplePlan({ pattern: 'active-active', capacity: { type: 'none' }, regions: [region('east', 'active'), region('west', 'active')] });

    const pair = planRegions(sut);

    expect([pair.primary.context, pair.standby.context]).toEqual(['ctx-east', 'ctx-west']);
  });
});
