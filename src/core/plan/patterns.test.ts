import { describe, expect, it } from 'vitest';
import { PATTERNS } from './patterns.js';

describe('PATTERNS', () => {
  it.each([
    ['active-passive', '15m-1h', '1h-1h', '30-30'],
    ['active-active', '0s-1m', '0s-1m', '100-100'],
    ['pilot-light', '5m-15m', '1m-15m', '10-15'],
  ] as const)('%s: RTO %s, RPO %s, cost %s%% as the seed article states', (pattern, rto, rpo, cost) => {
    const sut = PATTERNS[pattern];

    expect([`${sut.rto.min.toString()}-${sut.rto.max.toString()}`, `${sut.rpo.min.toString()}-${sut.rpo.max.toString()}`, `${sut.costPercent.min}-${sut.costPercent.max}`]).toEqual([rto, rpo, cost]);
    expect(sut.pattern).toBe(pattern);
  });
});
