import { NodeCryptoHasher } from '../providers/store/node-crypto-hasher.js';
import { PostgresDatabase } from '../providers/store/postgres-database.js';
import { PostgresDrillHistory } from '../providers/store/postgres-drill-history.js';
import { PostgresJournalStore } from '../providers/store/postgres-journal-store.js';

/** The PostgreSQL URL (a secret: it carries the password). Set: journals, drills and leadership live there. */
export const DATABASE_URL_ENV = 'LIFEBOAT_DATABASE_URL';
/** The schema in it (default `lifeboat`). */
export const DATABASE_SCHEMA_ENV = 'LIFEBOAT_DATABASE_SCHEMA';

/** One pool per database and schema in this process: the journal, the drill history and the leader share it. */
const pools = new Map<string, PostgresDatabase>();

/** The shared database when $LIFEBOAT_DATABASE_URL is set, else undefined (the SQLite state directory). */
export function sharedDatabase(env: NodeJS.ProcessEnv = process.env): PostgresDatabase | undefined {
  const url = env[DATABASE_URL_ENV];
  if (!url) return undefined;
  const schema = env[DATABASE_SCHEMA_ENV] || undefined;
  const key = `${schema ?? ''}\n${url}`;
  const open = pools.get(key);
  if (open && !open.isClosed()) return open;
  const db = PostgresDatabase.fromConfig({ url, ...(schema ? { schema } : {}) });
  pools.set(key, db);
  return db;
}

/** The journal store in the shared database, if one is configured. */
export function sharedJournalStore(env: NodeJS.ProcessEnv = process.env): PostgresJournalStore | undefined {
  const db = sharedDatabase(env);
  return db && new PostgresJournalStore(db, { hasher: NodeCryptoHasher.fromConfig() });
}

/** The drill history in the shared database, if one is configured. */
export function sharedDrillHistory(env: NodeJS.ProcessEnv = process.env): PostgresDrillHistory | undefined {
  const db = sharedDatabase(env);
  return db && new PostgresDrillHistory(db);
}

/**
 * The server's audit journal beside `db`, in its own schema (`<schema>_audit`) so run lists never
 * show audit days. Its pool is its own: close it with `store.close()`.
 */
export function auditStoreBeside(db: PostgresDatabase, env: NodeJS.ProcessEnv): PostgresJournalStore {
  const url = env[DATABASE_URL_ENV] ?? '';
  return new PostgresJournalStore(PostgresDatabase.fromConfig({ url, schema: `${db.schema}_audit` }), { hasher: NodeCryptoHasher.fromConfig() });
}
