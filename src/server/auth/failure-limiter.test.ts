import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter', () => {
  it('limits an address after `limit` failures within the window, until the oldest ages out', () => {
    const sut = new FailureLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_000_000;

    sut.recordFailure('10.0.0.1', t0);
    sut.recordFailure('10.0.0.1', t0 + 10_000);
    const beforeLimit = sut.retryAfter('10.0.0.1', t0 + 20_000);
    sut.recordFailure('10.0.0.1', t0 + 20_000);

    expect(beforeLimit).toBe(0);
    expect(sut.retryAfter('10.0.0.1', t0 + 20_000)).toBe(40);
    expect(sut.retryAfter('10.0.0.2', t0 + 20_000)).toBe(0);
    expect(sut.retryAfter('10.0.0.1', t0 + 60_001)).toBe(0);
  });

  it('keeps at most maxAddresses addresses', () => {
    const sut = new FailureLimiter({ limit: 1, windowMs: 60_000, maxAddresses: 2 });

    for (const a of ['a', 'b', 'c']) sut.recordFailure(a, 0);

    expect(['a', 'b', 'c'].map((a) => sut.retryAfter(a, 1))).toEqual([0, 60, 60]);
  });
});
