import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import { rb } from '../../testing/runbook-builders.js';
import { backoffDelay } from './retry-policy.js';
import { defineRunbook, stepsOf, type RunbookNode } from './runbook.js';
import { fromRunbookJson, runbookJsonSchema, toRunbookJson } from './runbook-json.js';

const { step, gate, seq, par } = rb;

describe('defineRunbook', () => {
  it.each<[string, RunbookNode, RegExp]>([
    ['duplicate step ids', seq('root', step('a'), par('p', step('a'))), /a: duplicate id "a"/],
    ['a step id equal to a block id', seq('root', step('root')), /duplicate id "root"/],
    ['an empty id', seq('root', step('')), /id must not be empty/],
    ['zero attempts', step('a', { retry: { ...rb.retry(1), maxAttempts: 0 } }), /a.retry.maxAttempts: expected a whole number >= 1/],
    ['a shrinking backoff', step('a', { retry: { ...rb.retry(2), factor: 0.5 } }), /a.retry.factor/],
    ['negative approvals', gate('g', -1), /g.approvals/],
    ['an empty block', par('p'), /p.children: expected at least one child/],
  ])('refuses %s', (_case, runbook, message) => {
    expect(() => defineRunbook(runbook)).toThrow(InputError);
    expect(() => defineRunbook(runbook)).toThrow(message);
  });

  it('accepts a valid tree and lists its steps in document order', () => {
    const sut = defineRunbook(seq('root', gate('g', 1), par('p', step('a'), step('b')), step('c')));

    expect(stepsOf(sut).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('runbook JSON (as stored in run-started)', () => {
  it('round-trips durations exactly, sub-second ones included', () => {
    const runbook = seq('root',
      step('a', { budget: Duration.milliseconds(1500), compensate: 'undo-a', input: { ns: ['shop'] }, retry: rb.retry(3, Duration.milliseconds(250), Duration.hours(1)) }),
      gate('g', 2, { budget: Duration.parse('1h30m') }));

    const json = JSON.parse(JSON.stringify(toRunbookJson(runbook))) as unknown;
    const sut = fromRunbookJson(runbookJsonSchema.parse(json));

    expect(sut).toEqual(runbook);
  });

  it('refuses a stored runbook with a bad duration', () => {
    const bad = { kind: 'step', id: 'a', title: 'A', phase: 'p', budget: 'soon', retry: { maxAttempts: 1, initialDelay: '0s', maxDelay: '0s', factor: 1 } };

    expect(runbookJsonSchema.safeParse(bad).success).toBe(false);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 10, initialDelay: Duration.seconds(1), maxDelay: Duration.seconds(30), factor: 3 };
  it.each([[1, 1_000], [2, 3_000], [3, 9_000], [4, 27_000], [5, 30_000], [9, 30_000]])('after %i failures waits %i ms', (failures, ms) => {
    expect(backoffDelay(policy, failures).toMilliseconds()).toBe(ms);
  });
});
