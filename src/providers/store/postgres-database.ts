import pg from 'pg';
import { ConflictError, InputError, LifeboatError, ProviderError } from '../../core/errors.js';
import { postgresMigrations } from './postgres-schema.js';

export interface PostgresConfig {
  /** `postgresql://user:password@host:port/db`: a secret (it carries the password); never logged. */
  url: string;
  /** The schema Lifeboat's tables live in (created when missing). Default `lifeboat`. */
  schema?: string;
  /**
   * Longest wait for a connection, a statement or a row lock before the call fails, and longest a
   * session may sit idle inside a transaction before the database ends it. Default 5s.
   */
  timeoutMs?: number;
}

/** SQLSTATEs that mean "someone else wrote first": unique_violation, serialization_failure, deadlock_detected. */
const CONFLICTS = new Set(['23505', '40001', '40P01']);
/** SQLSTATEs of the limits above, worth a retry: lock_not_available, idle_in_transaction_session_timeout. */
const TIMED_OUT = new Set(['55P03', '25P03']);
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One connection pool to the PostgreSQL that replicas share, with the store's migrations applied
 * before the first statement. Errors leave as ConflictError (a concurrent writer won: re-read) or
 * ProviderError (`postgresql`), with no connection string in any message.
 *
 * @example const db = PostgresDatabase.fromConfig({ url: resolveSecretRef('env:LIFEBOAT_DATABASE_URL', 'store') })
 */
export class PostgresDatabase {
  private ready: Promise<void> | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly pool: pg.Pool, readonly schema: string) {
    // An idle connection that breaks (database restarted) must not crash the process: the next call fails instead.
    pool.on('error', () => undefined);
  }

  static fromConfig(config: PostgresConfig): PostgresDatabase {
    const schema = config.schema ?? 'lifeboat';
    if (!SCHEMA_NAME.test(schema)) throw new InputError([{ path: 'store.postgres.schema', message: 'expected a lower-case SQL name like "lifeboat"' }]);
    const timeout = config.timeoutMs ?? 5000;
    // The database, not the client, bounds locks and open transactions: a replica frozen mid-transaction
    // (SIGSTOP, a paused VM) holding a row lock on the leadership row would otherwise keep every other
    // replica from taking over until its TCP connection died, hours later.
    const serverLimits = ['lock_timeout', 'idle_in_transaction_session_timeout'].map((name) => `-c ${name}=${timeout}`).join(' ');
    const pool = new pg.Pool({
      connectionString: config.url, options: `-c search_path=${schema} ${serverLimits}`, application_name: 'lifeboat',
      max: 8, connectionTimeoutMillis: timeout, query_timeout: timeout, idleTimeoutMillis: 10_000, allowExitOnIdle: true,
    });
    return new PostgresDatabase(pool, schema);
  }

  /** Runs one statement outside a transaction; its rows. */
  async query<R extends pg.QueryResultRow>(operation: string, text: string, values: readonly unknown[] = []): Promise<R[]> {
    await this.migrated();
    try {
      return (await this.pool.query<R>(text, [...values])).rows;
    } catch (error) {
      throw storeError(operation, error);
    }
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(operation: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.migrated();
    return this.inTransaction(operation, work);
  }

  /** True once close() was called. */
  isClosed(): boolean {
    return this.closed !== undefined;
  }

  /** Ends the pool (once); later calls fail. */
  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }

  private migrated(): Promise<void> {
    this.ready ??= this.inTransaction('migrate', (c) => migrate(c, this.schema)).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async inTransaction<T>(operation: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storeError(operation, error);
    }
    let broken: Error | undefined;
    // A checked-out connection the database ends (idle_in_transaction_session_timeout) emits 'error':
    // unheard, it would crash the process; heard, the next statement fails and the connection is dropped.
    const onError = (error: Error): void => { broken = error; };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => { broken = e instanceof Error ? e : new Error(String(e)); });
      throw storeError(operation, error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}

async function migrate(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lifeboat-migrate:${schema}`]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query('CREATE TABLE IF NOT EXISTS lifeboat_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  const done = (await client.query<{ n: number }>('SELECT COALESCE(MAX(version), 0)::int AS n FROM lifeboat_migrations')).rows[0]?.n ?? 0;
  for (let version = done + 1; version <= postgresMigrations.length; version++) {
    await client.query(postgresMigrations[version - 1] as string);
    await client.query('INSERT INTO lifeboat_migrations (version) VALUES ($1)', [version]);
  }
}

/** Our errors pass; a concurrent writer's win becomes ConflictError; anything else a ProviderError. */
export function storeError(operation: string, error: unknown): Error {
  if (error instanceof LifeboatError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && CONFLICTS.has(code)) return new ConflictError(`postgresql: ${operation}: a concurrent writer got there first (${code})`, { cause: error });
  // Class 08 (connection), 57P (shutdown) and errors without a SQLSTATE (sockets, timeouts) may pass.
  const retryable = typeof code !== 'string' || code.startsWith('08') || code.startsWith('57P') || TIMED_OUT.has(code);
  return new ProviderError(`postgresql: ${operation} failed: ${message}`, { provider: 'postgresql', operation, retryable, cause: error });
}
