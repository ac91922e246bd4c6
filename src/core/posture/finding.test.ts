import { describe, expect, it } from 'vitest';
import { sortFindings, worstSeverity, type Finding, type Severity } from './finding.js';

const finding = (id: string, severity: Severity, field?: string): Finding => ({ id, severity, message: id, fix: 'fix it', ...(field ? { field } : {}) });

describe('worstSeverity', () => {
  it.each<[Severity[], Severity | undefined]>([
    [[], undefined],
    [['info'], 'info'],
    [['info', 'warning'], 'warning'],
    [['warning', 'error', 'info'], 'error'],
  ])('of %j is %s', (severities, expected) => {
    const sut = worstSeverity(severities.map((s, i) => finding(`f${i}`, s)));

    expect(sut).toBe(expected);
  });
});

describe('sortFindings', () => {
  it('puts the worst first, then orders by field and id, without touching the input', () => {
    const input = [finding('b', 'info', 'x'), finding('z', 'error', 'spec.b'), finding('a', 'warning'), finding('y', 'error', 'spec.a')];

    const sut = sortFindings(input);

    expect(sut.map((f) => f.id)).toEqual(['y', 'z', 'a', 'b']);
    expect(input.map((f) => f.id)).toEqual(['b', 'z', 'a', 'y']);
  });
});
