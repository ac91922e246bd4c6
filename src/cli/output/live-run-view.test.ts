import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Duration } from '../../core/objectives/duration.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { sealEntries } from '../../core/runbook/hash-chain.js';
import type { EntryDraft, JournalEntry } from '../../core/runbook/journal-entry.js';
import { toRunbookJson } from '../../core/runbook/runbook-json.js';
import { rb } from '../../testing/runbook-builders.js';
import { LiveBudgetView, runView } from './live-run-view.js';
import { palette } from './palette.js';

const t0 = Date.parse('2026-11-25T03:00:00.000Z');
const hasher = { sha256Hex: (text: string): string => text.length.toString(16).padStart(64, '0') };
const runbook = rb.seq('failover', rb.step('fence', { budget: Duration.minutes(1) }), rb.step('restore', { budget: Duration.minutes(5) }));

function entries(...drafts: EntryDraft[]): JournalEntry[] {
  const first: EntryDraft = { kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'h', runbook: toRunbookJson(runbook), actor: 'alice' };
  return sealEntries([first, ...drafts], { previous: undefined, at: new Date(t0), hasher });
}

class Screen extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) { super(); }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('runView', () => {
  it.each<[string, boolean, Record<string, string>]>([
    ['not a terminal', false, {}],
    ['NO_COLOR', true, { NO_COLOR: '1' }],
    ['CI', true, { CI: 'true' }],
  ])('keeps one line per journal entry when %s', (_case, isTTY, env) => {
    const stdout = new Screen(isTTY);
    const journal = entries({ kind: 'step-started', step: 'fence', attempt: 1 });

    const sut = runView({ stdout, env });
    for (const e of journal) sut.onEntry(e);
    sut.stop();

    expect(stdout.text).toBe(journal.map((e) => `  ${formatEntry(e)}\n`).join(''));
  });

  it('redraws the budget bars under the scrolling journal on a terminal', () => {
    const stdout = new Screen(true);
    const now = { at: t0 + 70_000 };
    const journal = entries({ kind: 'step-started', step: 'fence', attempt: 1 }, { kind: 'step-succeeded', step: 'fence', attempt: 1, output: null }, { kind: 'step-started', step: 'restore', attempt: 1 });
    const sut = new LiveBudgetView(stdout, palette({ isTTY: false }, {}), { columns: 80, now: () => new Date(now.at), everyMs: 60_000 });

    sut.onEntry(journal[0]!);
    const firstFrame = stdout.text;
    for (const e of journal.slice(1)) sut.onEntry(e);
    now.at = t0 + 400_000;
    sut.stop();
    const frames = stdout.text.split('\u001b[3A\r\u001b[J');

    const bar = (full: number): string => `${'█'.repeat(full)}${'░'.repeat(30 - full)}`;
    expect(firstFrame).toBe(`  ${formatEntry(journal[0]!)}\n· fence    ${bar(0)}  - / 1m\n· restore  ${bar(0)}  - / 5m\n▸ total    ${bar(5)}  1m10s / 6m\n`);
    expect(frames).toHaveLength(5);
    expect(frames[3]).toBe(`  ${formatEntry(journal[3]!)}\n✓ fence    ${bar(0)}  0s / 1m\n▸ restore  ${bar(7)}  1m10s / 5m\n▸ total    ${bar(5)}  1m10s / 6m\n`);
    expect(frames[4]).toBe(`✓ fence    ${bar(0)}  0s / 1m\n▸ restore  ${bar(30)}  6m40s / 5m  over budget\n▸ total    ${bar(30)}  6m40s / 6m  over budget\n`);
  });
});
