import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import type { JournalEntry } from '../../src/core/runbook/journal-entry.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../../src/providers/store/sqlite-journal-store.js';
import { runCli } from '../support/run-cli.js';
import { exited, firstLine, spawnTsx } from './support/child-process.js';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

async function waitForJournal(store: SqliteJournalStore, runId: string, ready: (entries: JournalEntry[]) => boolean): Promise<JournalEntry[]> {
  for (let i = 0; i < 1200; i++) {
    const entries = await store.read(runId).catch(() => []);
    if (ready(entries)) return entries;
    await sleep(25);
  }
  throw new Error('journal never reached the expected state');
}

const has = (kind: string, subject?: string) => (entries: JournalEntry[]) =>
  entries.some((e) => e.kind === kind && (subject === undefined || ('step' in e && e.step === subject) || ('gate' in e && e.gate === subject)));

function stateDir(): { dir: string; env: Record<string, string>; observer: SqliteJournalStore } {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-run-control-'));
  dirs.push(dir);
  return { dir, env: { LIFEBOAT_STATE_DIR: dir, NO_COLOR: '1' }, observer: SqliteJournalStore.fromConfig({ path: join(dir, 'journal.sqlite3') }) };
}

describe('lifeboat run approve / abort as separate processes against a run another process drives', () => {
  it('two distinct approvers open the gate (the same one twice is refused), then abort stops the run with its compensations', async () => {
    const { dir, env, observer } = stateDir();
    const driver = spawnTsx('run-gated-runbook.ts', [dir, 'r1']);
    const done = firstLine(driver);
    await waitForJournal(observer, 'r1', has('gate-waiting', 'declare'));

    const first = await runCli(['run', 'approve', 'r1', '--as', 'ic'], { env });
    const twice = await runCli(['run', 'approve', 'r1', '--as', 'ic'], { env });
    // The seed's `approve RUN STEP` form: the same action as `run approve`.
    const second = await runCli(['approve', 'r1', 'declare', '--as', 'cto', '--reason', 'region-a confirmed down'], { env });
    await waitForJournal(observer, 'r1', has('step-started', 'restore'));
    const unconfirmed = await runCli(['run', 'abort', 'r1', '--reason', 'drill over'], { env });
    const abort = await runCli(['run', 'abort', 'r1', '--reason', 'drill over', '--yes', '--as', 'bob'], { env });
    const { result, compensations } = JSON.parse(await done) as { result: { outcome: string; abort?: unknown }; compensations: string[] };
    const again = await runCli(['run', 'abort', 'r1', '--reason', 'once more', '--yes'], { env });
    const entries = await observer.read('r1');
    observer.close();

    expect(first).toMatchObject({ code: 0, stdout: 'gate declare of run r1: 1 of 2 approvals (ic); waiting for 1 more approval from someone else\n' });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('ic has already approved gate declare of run r1; an approver counts once');
    expect(second).toMatchObject({ code: 0, stdout: 'gate declare of run r1: 2 of 2 approvals (ic, cto); the gate is open: the run goes on\n' });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes: run r1 was not aborted: confirm at the prompt, or pass --yes');
    expect(abort.code).toBe(0);
    expect(abort.stdout).toContain('abort of run r1 requested: the process driving it stops at the next step boundary');
    expect(abort.stdout).toContain('run aborted by bob: drill over');
    expect(result).toEqual({ runId: 'r1', outcome: 'aborted', abort: { actor: 'bob', reason: 'drill over' } });
    expect(compensations).toEqual(['fence']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/run r1 has already ended \(run-aborted at .*\): nothing to abort/);
    expect(await exited(driver)).toEqual({ code: 0, signal: null });
    expect(entries.filter((e) => e.kind === 'gate-approved').map((e) => e.kind === 'gate-approved' && [e.approver, e.reason])).toEqual([['ic', undefined], ['cto', 'region-a confirmed down']]);
    expect(entries.map((e) => e.kind).slice(-5)).toEqual(['abort-requested', 'step-failed', 'compensation-started', 'compensation-succeeded', 'run-aborted']);
    expect(entries.filter((e) => e.kind === 'step-started').map((e) => e.kind === 'step-started' && e.step)).toEqual(['fence', 'restore']);
    expect(verifyChain(entries, new NodeCryptoHasher())).toEqual({ ok: true });
  }, 120_000);

  it('a run whose process was killed is marked aborted at once, naming what nobody undid', async () => {
    const { dir, env, observer } = stateDir();
    const driver = spawnTsx('run-gated-runbook.ts', [dir, 'r2']);
    await waitForJournal(observer, 'r2', has('gate-waiting', 'declare'));
    await runCli(['run', 'approve', 'r2', '--as', 'ic'], { env });
    await runCli(['run', 'approve', 'r2', '--as', 'cto'], { env });
    await waitForJournal(observer, 'r2', has('step-started', 'restore'));
    driver.kill('SIGKILL');
    await exited(driver);
    await sleep(2500); // its 2s lease runs out

    const abort = await runCli(['run', 'abort', 'r2', '--reason', 'runner host lost', '--yes', '--as', 'bob'], { env });
    const entries = await observer.read('r2');
    observer.close();

    expect(abort).toMatchObject({ code: 0, stdout: 'run r2 had no live process: marked aborted; no process ran the compensations of fence: undo what they did by hand\n' });
    expect(entries.at(-1)).toMatchObject({ kind: 'run-aborted', actor: 'bob', reason: 'runner host lost' });
  }, 120_000);
});
