import { describe, expect, it } from 'vitest';
import { Duration } from './duration.js';

describe('Duration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['720h', 2_592_000_000],
    ['1.5h', 5_400_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['PT1H', 3_600_000],
    ['P1D', 86_400_000],
    ['PT1H30M', 5_400_000],
    ['0', 0],
    [' 15m ', 900_000],
  ])('parses %j as %d ms', (text, ms) => {
    const sut = Duration.parse(text);

    expect(sut.toMilliseconds()).toBe(ms);
  });

  it.each(['', 'soon', '15', '-5m', 'm15', 'P', 'PT', '1h 30m', '15min'])('rejects %j naming the accepted forms', (text) => {
    expect(() => Duration.parse(text)).toThrow(/expected a duration like "15m"/);
    expect(Duration.tryParse(text)).toBeUndefined();
  });

  it.each([
    [0, '0s'],
    [250, '250ms'],
    [45_000, '45s'],
    [5_400_000, '1h30m'],
    [187_200_000, '2d4h'],
    [2_592_000_000, '30d'],
    [3_905_000, '1h5m5s'],
  ])('formats %d ms as %s', (ms, text) => {
    const sut = Duration.milliseconds(ms);

    expect(sut.toString()).toBe(text);
    expect(JSON.stringify(sut)).toBe(JSON.stringify(text));
  });

  it.each([
    ['1h', '30m', '1h30m', '30m'],
    ['5m', '10m', '15m', '0s'],
  ])('adds and subtracts without going negative: %s and %s', (a, b, sum, difference) => {
    const sut = Duration.parse(a);

    expect([sut.plus(Duration.parse(b)).toString(), sut.minus(Duration.parse(b)).toString()]).toEqual([sum, difference]);
  });

  it('refuses negative and non-finite spans', () => {
    expect(() => Duration.milliseconds(-1)).toThrow(RangeError);
    expect(() => Duration.seconds(Number.NaN)).toThrow(RangeError);
  });
});
