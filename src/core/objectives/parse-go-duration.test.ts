import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './parse-go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['720h0m0s', '30d'],
    ['720h', '30d'],
    ['1h30m', '1h30m'],
    ['1.5h', '1h30m'],
    ['90m', '1h30m'],
    ['300ms', '300ms'],
    ['2000000us', '2s'],
    ['0', '0s'],
    ['+5m', '5m'],
  ])('reads %s as %s', (text, expected) => {
    const sut = parseGoDuration(text);

    expect(sut?.toString()).toBe(expected);
  });

  it.each(['30d', '1w', '', '-1h', 'h', '5', '1h 30m', 'PT1H'])('rejects %j as Go would (or as a ttl cannot be)', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
