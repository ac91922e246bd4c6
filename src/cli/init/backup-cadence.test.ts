import { describe, expect, it } from 'vitest';
import { Duration } from '../../core/objectives/duration.js';
import { backupCadence } from './backup-cadence.js';

describe('backupCadence', () => {
  it.each([
    ['2m', '* * * * *', '1m'],
    ['15m', '*/10 * * * *', '1m'],
    ['1h', '*/30 * * * *', '5m'],
    ['2h', '0 * * * *', '5m'],
    ['24h', '0 */12 * * *', '5m'],
    ['48h', '0 0 * * *', '5m'],
  ])('for an RPO of %s picks %s (a backup assumed to take %s)', (rpo, cron, takes) => {
    const sut = backupCadence(Duration.parse(rpo));

    expect([sut.cron, sut.expectedDuration.toString()]).toEqual([cron, takes]);
  });

  it.each(['5m', '20m', '1h', '7h', '3d'])('keeps interval plus backup within an RPO of %s', (rpo) => {
    const sut = backupCadence(Duration.parse(rpo));

    expect(sut.interval.plus(sut.expectedDuration).isLongerThan(Duration.parse(rpo))).toBe(false);
  });
});
