import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('upper-cases headers and pads columns to the widest cell', () => {
    const sut = formatTable(['name', 'age'], [['web', '3d'], ['api-gateway', '12h']]);

    expect(sut).toBe('NAME          AGE\nweb           3d\napi-gateway   12h\n');
  });

  it('pads by visible width, ignoring colour codes', () => {
    const sut = formatTable(['a', 'b'], [['\u001b[31mred\u001b[39m', 'x'], ['plain', 'y']]);

    expect(sut.split('\n')[1]).toBe('\u001b[31mred\u001b[39m     x');
  });
});
