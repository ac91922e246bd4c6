import { describe, expect, it } from 'vitest';
import { cadenceCron, drillInterval, nextSlot } from './drill-cadence.js';

describe('drill cadences as cron', () => {
  it.each([
    ['weekly', '0 9 * * 1', '7d'],
    ['monthly', '0 9 1 * *', '31d'],
    ['quarterly', '0 9 1 1,4,7,10 *', '92d'],
    ['yearly', '0 9 1 1 *', '366d'],
    ['0 10 * * 1-5', '0 10 * * 1-5', '3d'],
    ['@daily', '@daily', '1d'],
    ['0 9 1 */2 *', '0 9 1 */2 *', '62d'],
  ])('%s runs as %s, at most %s apart', (cadence, cron, interval) => {
    expect(cadenceCron(cadence)).toBe(cron);
    expect(drillInterval(cadence)?.toString()).toBe(interval);
  });

  it('has no interval for a cron Velero would not accept', () => {
    expect(drillInterval('61 9 * * *')).toBeUndefined();
  });

  it.each([
    ['weekly', '2026-03-04T12:00:00Z', '2026-03-09T09:00:00.000Z'],
    ['weekly', '2026-03-09T08:59:00Z', '2026-03-09T09:00:00.000Z'],
    ['weekly', '2026-03-09T09:00:00Z', '2026-03-16T09:00:00.000Z'],
    ['monthly', '2026-01-31T23:00:00Z', '2026-02-01T09:00:00.000Z'],
    ['quarterly', '2026-04-01T09:30:00Z', '2026-07-01T09:00:00.000Z'],
    ['yearly', '2026-06-01T00:00:00Z', '2027-01-01T09:00:00.000Z'],
    ['0 9,17 * * *', '2026-03-04T12:00:00Z', '2026-03-04T17:00:00.000Z'],
    ['0 9,17 * * *', '2026-03-04T17:00:00Z', '2026-03-05T09:00:00.000Z'],
  ])('the next %s slot after %s is %s', (cadence, after, expected) => {
    expect(nextSlot(cadence, new Date(after))?.toISOString()).toBe(expected);
  });
});
