import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryDrillHistory } from '../../src/providers/store/in-memory-drill-history.js';
import { SqliteDrillHistory } from '../../src/providers/store/sqlite-drill-history.js';
import { SqliteJournalStore } from '../../src/providers/store/sqlite-journal-store.js';
import { describeDrillHistoryContract } from '../../src/testing/drill-history.contract.js';

describeDrillHistoryContract('InMemoryDrillHistory', () => Promise.resolve({ sut: new InMemoryDrillHistory(), close: () => Promise.resolve() }));

describeDrillHistoryContract('SqliteDrillHistory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-drills-'));
  const path = join(dir, 'state', 'journal.sqlite3');
  // The journal store opens the file first, as it does in the state directory: the drills table is added beside its tables.
  const journal = SqliteJournalStore.fromConfig({ path });
  const open = [SqliteDrillHistory.fromConfig({ path })];
  return Promise.resolve({
    sut: open[0] as SqliteDrillHistory,
    reopen: () => {
      const other = SqliteDrillHistory.fromConfig({ path });
      open.push(other);
      return other;
    },
    close: () => {
      for (const history of open) history.close();
      journal.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
