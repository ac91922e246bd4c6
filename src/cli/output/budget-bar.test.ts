import { describe, expect, it } from 'vitest';
import { Duration } from '../../core/objectives/duration.js';
import { sealEntries } from '../../core/runbook/hash-chain.js';
import type { EntryDraft, JournalEntry } from '../../core/runbook/journal-entry.js';
import { toRunbookJson } from '../../core/runbook/runbook-json.js';
import { rb } from '../../testing/runbook-builders.js';
import { budgetRows, formatBudgetBar, formatBudgetView, type BudgetRow } from './budget-bar.js';
import { palette } from './palette.js';

const plain = palette({ isTTY: false }, {});
const colour = palette({ isTTY: true }, {});
const t0 = Date.parse('2026-11-25T03:00:00.000Z');
const hasher = { sha256Hex: (text: string): string => text.length.toString(16).padStart(64, '0') };
const s = (n: number): Duration => Duration.seconds(n);

describe('formatBudgetBar', () => {
  it.each<[string, BudgetRow, string]>([
    ['a step not started', { label: 'restore', state: 'pending', elapsed: undefined, budget: Duration.minutes(5) }, '· restore   ░░░░░░░░░░  - / 5m'],
    ['a running step a little over half way', { label: 'restore', state: 'running', elapsed: s(190), budget: Duration.minutes(5) }, '▸ restore   ██████░░░░  3m10s / 5m'],
    ['elapsed is shown to the second', { label: 'fence', state: 'running', elapsed: Duration.milliseconds(1999), budget: Duration.minutes(1) }, '▸ fence     ░░░░░░░░░░  1s / 1m'],
    ['a gate waiting for approval', { label: 'declare', state: 'waiting', elapsed: s(150), budget: Duration.minutes(5) }, '… declare   █████░░░░░  2m30s / 5m'],
    ['a step that succeeded within budget', { label: 'fence', state: 'succeeded', elapsed: s(60), budget: Duration.minutes(1) }, '✓ fence     ██████████  1m / 1m'],
    ['a step past its budget: full bar, flagged', { label: 'restore', state: 'running', elapsed: s(430), budget: Duration.minutes(5) }, '▸ restore   ██████████  7m10s / 5m  over budget'],
    ['a failed step', { label: 'dns', state: 'failed', elapsed: s(12), budget: Duration.minutes(2) }, '✗ dns       █░░░░░░░░░  12s / 2m'],
    ['a long label is cut to the column', { label: 'restore-ingress-system', state: 'running', elapsed: s(30), budget: Duration.minutes(5) }, '▸ restore…  █░░░░░░░░░  30s / 5m'],
  ])('%s', (_case, row, expected) => {
    const sut = formatBudgetBar;

    const line = sut(row, { labelWidth: 8, barWidth: 10, style: plain });

    expect(line).toBe(expected);
  });

  it.each<[string, BudgetRow, string]>([
    ['over budget', { label: 'restore', state: 'running', elapsed: s(430), budget: Duration.minutes(5) }, '\u001b[31m'],
    ['failed', { label: 'dns', state: 'failed', elapsed: s(12), budget: Duration.minutes(2) }, '\u001b[31m'],
    ['succeeded', { label: 'fence', state: 'succeeded', elapsed: s(10), budget: Duration.minutes(1) }, '\u001b[32m'],
  ])('is coloured on a terminal when %s', (_case, row, code) => {
    const line = formatBudgetBar(row, { labelWidth: 8, barWidth: 10, style: colour });

    expect(line.startsWith(code)).toBe(true);
  });
});

function journal(runbook: ReturnType<typeof rb.seq>, ...items: Array<[number, EntryDraft]>): JournalEntry[] {
  const first: EntryDraft = { kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'h', runbook: toRunbookJson(runbook), actor: 'alice' };
  const entries: JournalEntry[] = [];
  for (const [seconds, draft] of [[0, first] as [number, EntryDraft], ...items]) {
    entries.push(...sealEntries([draft], { previous: entries.at(-1), at: new Date(t0 + seconds * 1000), hasher }));
  }
  return entries;
}

describe('budgetRows', () => {
  const runbook = rb.seq('failover',
    rb.gate('declare', 2, { budget: Duration.minutes(5) }),
    rb.step('fence', { budget: Duration.minutes(1) }),
    rb.par('bring-up', rb.step('restore-a', { budget: Duration.minutes(5) }), rb.step('restore-b', { budget: Duration.minutes(5) })),
    rb.gate('auto', 0));
  const summary = (rows: BudgetRow[]): string[] => rows.map((r) => `${r.label} ${r.state} ${r.elapsed?.toString() ?? '-'}/${r.budget.toString()}`);

  it.each<[string, JournalEntry[], number, string[]]>([
    ['a run at its gate: the gate waits, the steps are pending, the total runs', journal(runbook, [5, { kind: 'gate-waiting', gate: 'declare', approvals: 2 }], [65, { kind: 'gate-approved', gate: 'declare', approver: 'ic' }]), 125,
      ['declare waiting 2m/5m', 'fence pending -/1m', 'restore-a pending -/5m', 'restore-b pending -/5m', 'total running 2m5s/16m']],
    ['restores running in parallel after the gate opened and fence succeeded', journal(runbook,
      [5, { kind: 'gate-waiting', gate: 'declare', approvals: 2 }], [65, { kind: 'gate-approved', gate: 'declare', approver: 'ic' }], [95, { kind: 'gate-approved', gate: 'declare', approver: 'cto' }],
      [96, { kind: 'step-started', step: 'fence', attempt: 1 }], [100, { kind: 'step-succeeded', step: 'fence', attempt: 1, output: null }],
      [101, { kind: 'step-started', step: 'restore-a', attempt: 1 }], [101, { kind: 'step-started', step: 'restore-b', attempt: 1 }],
      [160, { kind: 'step-succeeded', step: 'restore-b', attempt: 1, output: null }]), 291,
      ['declare succeeded 1m30s/5m', 'fence succeeded 4s/1m', 'restore-a running 3m10s/5m', 'restore-b succeeded 59s/5m', 'total running 4m51s/16m']],
    ['a retried step runs from its first attempt', journal(runbook,
      [1, { kind: 'gate-approved', gate: 'declare', approver: 'ic' }], [2, { kind: 'gate-approved', gate: 'declare', approver: 'cto' }],
      [10, { kind: 'step-started', step: 'fence', attempt: 1 }], [20, { kind: 'step-failed', step: 'fence', attempt: 1, error: 'x', retryable: true }],
      [30, { kind: 'step-started', step: 'fence', attempt: 2 }]), 100,
      ['declare succeeded -/5m', 'fence running 1m30s/1m', 'restore-a pending -/5m', 'restore-b pending -/5m', 'total running 1m40s/16m']],
    ['an aborted run: open rows stop at the terminal entry', journal(runbook,
      [1, { kind: 'gate-waiting', gate: 'declare', approvals: 2 }], [31, { kind: 'run-aborted', actor: 'bob', reason: 'false alarm' }]), 500,
      ['declare failed 30s/5m', 'fence pending -/1m', 'restore-a pending -/5m', 'restore-b pending -/5m', 'total failed 31s/16m']],
  ])('%s', (_case, entries, atSeconds, expected) => {
    const sut = budgetRows;

    const rows = sut(runbook, entries, new Date(t0 + atSeconds * 1000));

    expect(summary(rows)).toEqual(expected);
  });

  it('formats every row with labels aligned and bars fitted to the terminal', () => {
    const rows = budgetRows(runbook, journal(runbook, [5, { kind: 'gate-waiting', gate: 'declare', approvals: 2 }]), new Date(t0 + 65_000));

    const lines = formatBudgetView(rows, { columns: 60, style: plain });

    expect(lines[0]).toBe(`… declare    ${'█'.repeat(2)}${'░'.repeat(9)}  1m / 5m`);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(new Set(lines.map((l) => l.search(/[█░]/))).size).toBe(1);
  });
});
