import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { largestGap, parseVeleroCron, runsPerDay } from './cron.js';
import { Duration } from './duration.js';

const FROM = new Date('2026-01-01T00:00:00Z'); // a Thursday

describe('largestGap', () => {
  it.each([
    ['hourly', '0 * * * *', '1h'],
    ['@hourly', '@hourly', '1h'],
    ['every 6h', '0 */6 * * *', '6h'],
    ['@every 90m', '@every 90m', '1h30m'],
    ['@every 1h30m', '@every 1h30m', '1h30m'],
    ['daily', '@daily', '1d'],
    ['weekly', '@weekly', '7d'],
    ['twice monthly: 15th to the 1st of a 31-day month', '0 0 1,15 * *', '17d'],
    ['every 5h: 5h apart in the day, 4h across midnight', '0 */5 * * *', '5h'],
    ['weekdays only: Friday 02:00 to Monday 02:00', '0 2 * * 1-5', '3d'],
    ['weekdays, three times a day', '0 8,12,18 * * mon-fri', '2d14h'],
    ['the 31st: two months apart from August to October', '0 0 31 * *', '61d'],
    ['leap day only', '0 0 29 2 *', '1461d'],
    ['robfig ORs restricted day fields: the 13th or any Friday', '0 0 13 * 5', '7d'],
    ['a stepped star is not a star, so the day fields are ORed', '0 0 */10 * 1', '7d'],
    ['CRON_TZ prefix, evaluated in UTC', 'CRON_TZ=Europe/Berlin 30 1 * * *', '1d'],
  ])('%s (%s) -> %s', (_name, expr, expected) => {
    const sut = largestGap(expr, FROM);

    expect(sut.toString()).toBe(expected);
  });

  it.each(['0 0 1,15 * *', '0 */5 * * *', '0 2 * * 1-5', '0 8,12,18 * * mon-fri', '0 0 31 * *', '0 0 13 * 5', '*/20 3-5 1-7 * *'])(
    'matches a brute-force walk of croner next runs over 160 days for %s',
    (expr) => {
      const horizon = Duration.days(160);
      const cron = new Cron(expr, { timezone: 'UTC', paused: true, mode: '5-part' });
      const runs = cron.nextRuns(8_000, new Date(FROM.getTime() - 1000)).filter((d) => d.getTime() < FROM.getTime() + horizon.toMilliseconds());
      const brute = Math.max(...runs.slice(1).map((d, i) => d.getTime() - (runs[i]?.getTime() ?? 0)));

      const sut = largestGap(expr, FROM, horizon);

      expect(sut.toMilliseconds()).toBe(brute);
    },
    30_000, // croner walks up to 8,000 runs here; slow on a busy two-core machine
  );

  it('throws an InputError when the expression runs on fewer than two days in the horizon', () => {
    expect(() => largestGap('0 0 29 2 *', FROM, Duration.days(365))).toThrow(InputError);
  });
});

describe('parseVeleroCron', () => {
  it.each([
    ['0 25 * * *', 'hour: end of range (25) above maximum (23)'],
    ['* * * * * *', 'expected exactly 5 fields, found 6'],
    ['', 'expected exactly 5 fields, found 0'],
    ['@every 1d', '"1d" is not a Go duration'],
    ['@fortnightly', 'unrecognized descriptor "@fortnightly"'],
    ['0 0 * * 7', 'day of week: end of range (7) above maximum (6)'],
    ['L * * * *', 'minute: "L" is not a number'],
    ['*/0 * * * *', 'step of range should be a positive number'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1)'],
    ['0 0 0 * *', 'day of month: beginning of range (0) below minimum (1)'],
    ['1/2/3 * * * *', 'too many slashes'],
  ])('rejects %j: %s', (expr, reason) => {
    expect(() => parseVeleroCron(expr)).toThrow(InputError);
    expect(() => parseVeleroCron(expr)).toThrow(reason);
  });

  it.each([
    ['5/15 * * * *', [5, 20, 35, 50]],
    ['0,30 * * * *', [0, 30]],
    ['10-12 * * * *', [10, 11, 12]],
  ])('reads robfig minute syntax %s (N/step means N-max/step)', (expr, minutes) => {
    const sut = parseVeleroCron(expr);

    expect(sut.kind === 'calendar' ? sut.minutesOfDay.filter((m) => m < 60) : []).toEqual(minutes);
  });

  it('rounds @every down to whole seconds, at least one, as robfig does', () => {
    const sut = [parseVeleroCron('@every 1500ms'), parseVeleroCron('@every 100ms')];

    expect(sut.map((s) => (s.kind === 'interval' ? s.interval.toString() : s.kind))).toEqual(['1s', '1s']);
  });

  it('records a CRON_TZ prefix', () => {
    const sut = parseVeleroCron('CRON_TZ=America/New_York 0 3 * * *');

    expect(sut.timezone).toBe('America/New_York');
  });
});

describe('runsPerDay', () => {
  it.each([
    ['0 * * * *', 24],
    ['*/5 * * * *', 288],
    ['@every 6h', 4],
    ['0 2 * * 1-5', 5 / 7],
    ['@weekly', 1 / 7],
  ])('%s runs %d times a day on average', (expr, expected) => {
    const sut = runsPerDay(expr);

    expect(sut).toBeCloseTo(expected, 3);
  });
});
