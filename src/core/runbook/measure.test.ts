import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { rb } from '../../testing/runbook-builders.js';
import { sealEntries } from './hash-chain.js';
import type { EntryDraft, JournalEntry } from './journal-entry.js';
import { measure } from './measure.js';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const hasher = { sha256Hex: (): string => '0'.repeat(64) };

function journal(...items: Array<[number, EntryDraft]>): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const [seconds, draft] of items) entries.push(...sealEntries([draft], { previous: entries.at(-1), at: new Date(t0 + seconds * 1000), hasher }));
  return entries;
}

const min = (n: number): Duration => Duration.minutes(n);
const runbook = rb.seq('failover',
  rb.gate('declare', 1, { phase: 'declare', budget: min(5) }),
  rb.par('restore', rb.step('ns-a', { phase: 'restore', budget: min(10) }), rb.step('ns-b', { phase: 'restore', budget: min(4) })),
  rb.step('dns', { phase: 'traffic', budget: min(2) }));
const entries = journal(
  [0, { kind: 'run-resumed', actor: 'x' }],
  [0, { kind: 'gate-waiting', gate: 'declare', approvals: 1 }],
  [120, { kind: 'gate-approved', gate: 'declare', approver: 'ic' }],
  [120, { kind: 'step-started', step: 'ns-a', attempt: 1 }],
  [120, { kind: 'step-started', step: 'ns-b', attempt: 1 }],
  [420, { kind: 'step-failed', step: 'ns-b', attempt: 1, error: 'x', retryable: true }],
  [430, { kind: 'step-started', step: 'ns-b', attempt: 2 }],
  [480, { kind: 'step-succeeded', step: 'ns-b', attempt: 2, output: null }],
  [600, { kind: 'step-succeeded', step: 'ns-a', attempt: 1, output: null }],
  [600, { kind: 'step-started', step: 'dns', attempt: 1 }],
  [630, { kind: 'step-succeeded', step: 'dns', attempt: 1, output: null }],
  [631, { kind: 'run-succeeded' }],
);

describe('measure', () => {
  const sut = measure(runbook, entries);

  it.each([
    ['declare', 120, 300, false],
    ['ns-a', 480, 600, false],
    ['ns-b', 360, 240, true],
    ['dns', 30, 120, false],
  ])('%s took %is of %is (over: %s)', (id, seconds, budget, over) => {
    const node = sut.nodes.find((n) => n.id === id);

    expect(node?.elapsed?.toSeconds()).toBe(seconds);
    expect(node?.budget.toSeconds()).toBe(budget);
    expect(node?.overBudget).toBe(over);
  });

  it.each([
    ['declare', 120, 300],
    ['restore', 480, 600],
    ['traffic', 30, 120],
  ])('phase %s spans %is against a critical-path budget of %is (parallel counted once)', (phase, seconds, budget) => {
    const p = sut.phases.find((x) => x.phase === phase);

    expect(p?.elapsed?.toSeconds()).toBe(seconds);
    expect(p?.budget.toSeconds()).toBe(budget);
  });

  it('adds up the run: total time, critical-path budget, attempts, steps over budget', () => {
    expect(sut.total.toSeconds()).toBe(631);
    expect(sut.totalBudget.toMinutes()).toBe(17);
    expect(sut.nodes.find((n) => n.id === 'ns-b')?.attempts).toBe(2);
    expect(sut.overBudget).toEqual(['ns-b']);
  });

  it('leaves elapsed undefined for what has not ended', () => {
    const partial = measure(runbook, entries.slice(0, 5));

    expect(partial.nodes.find((n) => n.id === 'ns-a')?.elapsed).toBeUndefined();
    expect(partial.phases.find((p) => p.phase === 'restore')?.elapsed).toBeUndefined();
  });
});
