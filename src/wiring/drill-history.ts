import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillHistory, DrillRecorder } from '../core/ports/drill-history.js';
import { InMemoryDrillHistory } from '../providers/store/in-memory-drill-history.js';
import { SqliteDrillHistory } from '../providers/store/sqlite-drill-history.js';
import { sharedDrillHistory } from './ha-store.js';
import { stateDirOf } from './journal.js';

/** The journal's file in the state directory (as `openJournal` names it): drills are kept beside the runs. */
const STORE_FILE = 'journal.sqlite3';

/** Where drill outcomes are kept: the SQLite file of the run journals in the state directory. */
export function drillStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirOf(env), STORE_FILE);
}

/**
 * The drill history to record into (`lifeboat drill ...`): creates the state directory and the
 * store when they do not exist yet (the shared PostgreSQL when $LIFEBOAT_DATABASE_URL is set). Close it when done.
 */
export function openDrillHistory(env: NodeJS.ProcessEnv = process.env): DrillHistory & DrillRecorder & { close(): void } {
  const shared = sharedDrillHistory(env);
  if (shared) return shared;
  mkdirSync(stateDirOf(env), { recursive: true, mode: 0o700 });
  return SqliteDrillHistory.fromConfig({ path: drillStorePath(env) });
}

/** Stores opened for reading, by path: `status --serve-metrics` re-reads every interval on one connection. */
const readers = new Map<string, SqliteDrillHistory>();

/**
 * The drill history to read (`lifeboat status`, `lifeboat drill schedule`): the state directory's
 * store, or an empty history when no store exists yet, so reading creates no files.
 */
export function readDrillHistory(env: NodeJS.ProcessEnv = process.env): DrillHistory {
  const shared = sharedDrillHistory(env);
  if (shared) return shared;
  const path = drillStorePath(env);
  const open = readers.get(path);
  if (open) return open;
  if (!existsSync(path)) return InMemoryDrillHistory.fromConfig();
  const reader = SqliteDrillHistory.fromConfig({ path });
  readers.set(path, reader);
  return reader;
}
