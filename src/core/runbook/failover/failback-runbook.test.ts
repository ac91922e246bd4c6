import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../plan/parse-plan.js';
import type { DRPlan } from '../../plan/schema.js';
import { stepsOf } from '../runbook.js';
import { failbackRunbook, failbackShares } from './failback-runbook.js';

const lab = parsePlan(readFileSync('examples/lab.yaml', 'utf8'), 'lab.yaml');
const withProvider = (provider: DRPlan['spec']['traffic']['provider']): DRPlan => ({ ...lab, spec: { ...lab.spec, traffic: { ...lab.spec.traffic, provider } } });

describe('failback traffic shifts', () => {
  it.each([
    ['powerdns', [10, 50, 100]],
    ['route53', [10, 50, 100]],
    ['cloudflare', [100]],
  ] as const)('%s shifts through %j, each behind a health gate', (provider, shares) => {
    const plan = withProvider(provider);

    const ids = stepsOf(failbackRunbook(plan, ['production'])).map((s) => s.id).filter((id) => /^(shift|health)-/.test(id));

    expect(failbackShares(plan)).toEqual(shares);
    expect(ids).toEqual(shares.flatMap((s) => [`shift-${s}`, `health-${s}`]));
  });

  it('gives every shift a compensation that sends traffic back to the standby', () => {
    const shifts = stepsOf(failbackRunbook(withProvider('cloudflare'), ['production'])).filter((s) => s.id.startsWith('shift-'));

    expect(shifts.map((s) => s.compensate)).toEqual(['traffic-back']);
  });
});

describe('failback capacity', () => {
  it('returns Cluster API workers in the pilot region to their standby size', () => {
    const plan = parsePlan(readFileSync('examples/pilot-light.yaml', 'utf8'), 'pilot-light.yaml');

    const steps = stepsOf(failbackRunbook(plan, ['payments']));

    expect(steps.find((s) => s.id === 'standby-size')?.input).toEqual({ action: 'scale-capacity', region: 'pilot', target: 'standby' });
  });
});
