import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { formatGoDuration } from './go-duration.js';

describe('formatGoDuration', () => {
  it.each([
    ['720h', '720h0m0s'],
    ['24h', '24h0m0s'],
    ['1h30m', '1h30m0s'],
    ['5m', '5m0s'],
    ['90s', '1m30s'],
    ['30s', '30s'],
    ['1.5s', '1.5s'],
    ['1.25s', '1.25s'],
    ['250ms', '250ms'],
    ['0', '0s'],
    ['2d', '48h0m0s'],
  ])('formats %s as Go does: %s', (input, expected) => {
    const sut = Duration.parse(input);

    const text = formatGoDuration(sut);

    expect(text).toBe(expected);
  });

  it('round-trips through Duration.parse', () => {
    const sut = Duration.parse('3h7m9s');

    expect(Duration.parse(formatGoDuration(sut)).equals(sut)).toBe(true);
  });
});
