import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../../src/providers/store/sqlite-journal-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { InMemoryJournalBacking, InMemoryJournalStore } from '../../src/testing/in-memory-journal-store.js';
import { describeJournalStoreContract, type JournalStoreHarness } from '../../src/testing/journal-store.contract.js';
import type { Lease } from '../../src/core/ports/journal-store.js';
import { exited, firstLine, spawnTsx } from './support/child-process.js';

const hasher = new NodeCryptoHasher();

describeJournalStoreContract('InMemoryJournalStore', () => {
  const clock = new FakeClock();
  const backing = new InMemoryJournalBacking();
  const sibling = (): InMemoryJournalStore => new InMemoryJournalStore({ hasher, clock }, backing);
  const harness: JournalStoreHarness = {
    sut: sibling(),
    sibling,
    hasher,
    elapse: (d) => Promise.resolve(clock.advance(d)),
    tamper: (runId, seq, change) => {
      const entry = backing.runs.get(runId)?.entries.find((e) => e.seq === seq);
      if (entry) change(entry);
      return Promise.resolve();
    },
    holdLeaseElsewhere: (request) => sibling().acquireLease(request),
    close: () => Promise.resolve(),
  };
  return Promise.resolve(harness);
});

describeJournalStoreContract('SqliteJournalStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-journal-'));
  const path = join(dir, 'state', 'journal.db');
  const stores: SqliteJournalStore[] = [];
  const children: ChildProcess[] = [];
  const open = (): SqliteJournalStore => {
    const store = SqliteJournalStore.fromConfig({ path });
    stores.push(store);
    return store;
  };
  const harness: JournalStoreHarness = {
    sut: open(),
    sibling: open,
    hasher,
    elapse: (d) => sleep(d.toMilliseconds()),
    tamper: (runId, seq, change) => {
      const db = new Database(path);
      const row = db.prepare<[string, number], { entry: string }>('SELECT entry FROM journal WHERE run_id = ? AND seq = ?').get(runId, seq);
      const entry = JSON.parse(row?.entry ?? '{}') as Record<string, unknown>;
      change(entry);
      db.prepare('UPDATE journal SET entry = ? WHERE run_id = ? AND seq = ?').run(JSON.stringify(entry), runId, seq);
      db.close();
      return Promise.resolve();
    },
    holdLeaseElsewhere: async ({ plan, holder, ttl }) => {
      const child = spawnTsx('hold-lease.ts', [path, plan, holder, String(ttl.toMilliseconds())]);
      children.push(child);
      const lease = JSON.parse(await firstLine(child)) as Lease;
      return { ...lease, expiresAt: new Date(lease.expiresAt) };
    },
    close: async () => {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      for (const store of stores) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return Promise.resolve(harness);
});

