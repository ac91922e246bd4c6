import { mkdirSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/ports/clock.js';
import type { Hasher } from '../core/ports/hasher.js';
import type { JournalStore } from '../core/ports/journal-store.js';
import { SystemClock } from '../providers/clock/system-clock.js';
import { NodeCryptoHasher } from '../providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../providers/store/sqlite-journal-store.js';
import { sharedJournalStore } from './ha-store.js';

export interface JournalWiring {
  store: JournalStore;
  hasher: Hasher;
  clock: Clock;
  /** This process as a lease holder: host and pid. */
  holder: string;
  stateDir: string;
}

/** Where runs are journaled: $LIFEBOAT_STATE_DIR, else ~/.local/state/lifeboat (SQLite, WAL). */
export function stateDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.LIFEBOAT_STATE_DIR || join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'lifeboat');
}

/** The run journals: SQLite in the state directory, or the shared PostgreSQL when $LIFEBOAT_DATABASE_URL is set (docs/ha.md). */
export function openJournal(env: NodeJS.ProcessEnv = process.env): JournalWiring {
  const stateDir = stateDirOf(env);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  return {
    store: sharedJournalStore(env) ?? SqliteJournalStore.fromConfig({ path: join(stateDir, 'journal.sqlite3') }),
    hasher: NodeCryptoHasher.fromConfig(),
    clock: SystemClock.fromConfig(),
    holder: `${hostname()}:${process.pid}`,
    stateDir,
  };
}
