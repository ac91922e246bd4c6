import { describe, expect, it } from 'vitest';
import { drPlanSchema, type DRPlanInput } from '../plan/schema.js';
import { planRegions } from './plan-regions.js';

const region = (name: string, role: 'primary' | 'standby' | 'active'): NonNullable<DRPlanInput['spec']['regions']>[number] => ({
  name, role, context: `ctx-${name}`, ingress: { address: '192.0.2.1' },
});

const planWith = (regions: DRPlanInput['spec']['regions']) => drPlanSchema.parse({
  apiVersion: 'lifeboat.dev/v1alpha1',
  kind: 'DRPlan',
  metadata: { name: 'p' },
  spec: {
    pattern: 'active-passive',
    regions,
    objectives: { rto: '15m', rpo: '1h' },
    protection: { namespaces: { names: ['production'] } },
    traffic: { provider: 'none', zone: 'example.com.', record: 'app.example.com.' },
  },
});

describe('planRegions', () => {
  it('picks the primary and standby by role, whatever their order', () => {
    const sut = planWith([region('b', 'standby'), region('a', 'primary')]);

    const pair = planRegions(sut);

    expect([pair.primary.name, pair.standby.name]).toEqual(['a', 'b']);
  });

  it('treats the first active region as primary in an active-active plan', () => {
    const sut = planWith([region('east', 'active'), region('west', 'active')]);

    const pair = planRegions(sut);

    expect([pair.primary.context, pair.standby.context]).toEqual(['ctx-east', 'ctx-west']);
  });
});
