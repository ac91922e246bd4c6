import { describe, expect, it } from 'vitest';
import { palette } from './palette.js';

describe('palette', () => {
  it.each([
    [true, {}, '\u001b[31merror\u001b[39m'],
    [true, { NO_COLOR: '1' }, 'error'],
    [true, { NO_COLOR: '' }, '\u001b[31merror\u001b[39m'],
    [false, {}, 'error'],
  ])('on a TTY: %s, env %j: colours as %j', (isTTY, env, expected) => {
    const sut = palette({ isTTY }, env);

    expect(sut.red('error')).toBe(expected);
  });
});
