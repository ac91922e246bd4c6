import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import type { JournalEntry } from '../../src/core/runbook/journal-entry.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../../src/providers/store/sqlite-journal-store.js';
import { exited, firstLine, spawnTsx } from './support/child-process.js';

const hasher = new NodeCryptoHasher();
const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

/** Polls the journal until `ready` holds for it. */
async function waitForJournal(store: SqliteJournalStore, runId: string, ready: (entries: JournalEntry[]) => boolean): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const entries = await store.read(runId).catch(() => []);
    if (ready(entries)) return;
    await sleep(25);
  }
  throw new Error('journal never reached the expected state');
}

const isOpen = (entries: JournalEntry[], step: string) =>
  entries.some((e) => e.kind === 'step-started' && e.step === step) &&
  !entries.some((e) => (e.kind === 'step-succeeded' || e.kind === 'step-failed') && e.step === step);

describe('crash and resume across processes (SIGKILL, SQLite journal)', () => {
  it.each(['s1', 's2', 's4'])('a runner killed while %s runs is resumed by a new process: each step succeeds once, chain valid', async (victim) => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-crash-'));
    dirs.push(dir);
    const [db, effects] = [join(dir, 'journal.db'), join(dir, 'effects.log')];
    const observer = SqliteJournalStore.fromConfig({ path: db });

    const first = spawnTsx('run-sleepy-runbook.ts', [db, 'r1', 'start', effects, victim]);
    await waitForJournal(observer, 'r1', (entries) => isOpen(entries, victim));
    first.kill('SIGKILL');
    const killed = await exited(first);
    const second = spawnTsx('run-sleepy-runbook.ts', [db, 'r1', 'resume', effects]);
    const result = JSON.parse(await firstLine(second)) as { outcome: string };
    expect(await exited(second)).toEqual({ code: 0, signal: null });
    const entries = await observer.read('r1');
    observer.close();

    expect(killed.signal).toBe('SIGKILL');
    expect(result.outcome).toBe('succeeded');
    expect(entries.at(-1)?.kind).toBe('run-succeeded');
    expect(entries.filter((e) => e.kind === 'run-resumed')).toHaveLength(1);
    for (const step of ['s1', 's2', 's3', 's4']) {
      expect(entries.filter((e) => e.kind === 'step-succeeded' && e.step === step)).toHaveLength(1);
    }
    const victimStarts = entries.filter((e) => e.kind === 'step-started' && e.step === victim).map((e) => 'attempt' in e && e.attempt);
    expect(victimStarts).toEqual([1, 2]);
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
    expect(readFileSync(effects, 'utf8').split('\n').filter((line) => line === `done ${victim}`)).toHaveLength(1);
  }, 60_000);
});
