import type pg from 'pg';
import { ConflictError, LifeboatError, NotFoundError } from '../../core/errors.js';
import type { Duration } from '../../core/objectives/duration.js';
import type { Hasher } from '../../core/ports/hasher.js';
import type { AppendRequest, JournalStore, Lease, RunSummary } from '../../core/ports/journal-store.js';
import { canonicalJson } from '../../core/runbook/canonical-json.js';
import { extendChain } from '../../core/runbook/chain-head.js';
import { isTerminalKind, journalEntrySchema, type EntryKind, type JournalEntry } from '../../core/runbook/journal-entry.js';
import { NodeCryptoHasher } from './node-crypto-hasher.js';
import { PostgresDatabase, type PostgresConfig } from './postgres-database.js';

interface RunRow { run_id: string; plan: string; started_at: string; last_seq: number; last_hash: string; last_kind: string }
interface LeaseRow { holder: string | null; token: string; expires_at: Date; live: boolean }

/** The leadership a replica must still hold for its runners' writes to count (PostgresLeader.fence()). */
export interface LeaderFence {
  /** The election's name (one row of lifeboat_leader). */
  name: string;
  holder: string;
  token: number;
}

/**
 * Thrown by a leader-fenced store when the leadership term its writes were fenced with has ended: not
 * a conflict to retry, the drive must stop (the replica that leads now resumes the run).
 */
export class LeadershipLostError extends LifeboatError {}

/**
 * The journal store replicas share: the same rules as SqliteJournalStore (it passes the same contract)
 * in PostgreSQL. An append locks the run's head row, checks fence and chain, then writes; a lease is a
 * row locked for the check, timed by the database's clock. A view made by `withLeaderFence` also
 * refuses lease takes, renewals and fenced appends once this replica's leadership token is not the
 * current one: a deposed leader can drive nothing, even while its plan lease has not yet expired.
 *
 * @example const store = PostgresJournalStore.fromConfig({ url: process.env.LIFEBOAT_DATABASE_URL })
 */
export class PostgresJournalStore implements JournalStore {
  constructor(
    readonly db: PostgresDatabase,
    private readonly deps: { hasher: Hasher },
    private readonly leader?: () => LeaderFence | undefined,
  ) {}

  static fromConfig(config: PostgresConfig): PostgresJournalStore {
    return new PostgresJournalStore(PostgresDatabase.fromConfig(config), { hasher: new NodeCryptoHasher() });
  }

  /** The same store whose runner writes also need `fence()` to be the current leadership. */
  withLeaderFence(fence: () => LeaderFence | undefined): PostgresJournalStore {
    return new PostgresJournalStore(this.db, this.deps, fence);
  }

  /** Closes the database (shared with every store built on it). */
  close(): Promise<void> {
    return this.db.close();
  }

  append({ runId, entries, fence }: AppendRequest): Promise<void> {
    return this.db.transaction('append', async (c) => {
      const run = (await c.query<RunRow>('SELECT * FROM lifeboat_runs WHERE run_id = $1 FOR UPDATE', [runId])).rows[0];
      const plan = run ? run.plan : planOf(entries);
      // The fence first: a stale holder is told so whatever the chain looks like now.
      if (fence) await this.checkFence(c, plan, fence);
      const head = run && { seq: run.last_seq, hash: run.last_hash, kind: run.last_kind as EntryKind };
      const next = extendChain(runId, head, entries, this.deps.hasher);
      if (!run) await c.query("INSERT INTO lifeboat_runs VALUES ($1, $2, $3, 0, '', '')", [runId, plan, entries[0]?.at]);
      for (const e of entries) {
        await c.query('INSERT INTO lifeboat_journal VALUES ($1, $2, $3, $4, $5, $6, $7)', [runId, e.seq, e.at, e.kind, canonicalJson(e), e.prevHash, e.hash]);
      }
      await c.query('UPDATE lifeboat_runs SET last_seq = $1, last_hash = $2, last_kind = $3 WHERE run_id = $4', [next.seq, next.hash, next.kind, runId]);
    });
  }

  async read(runId: string): Promise<JournalEntry[]> {
    const rows = await this.db.query<{ entry: string }>('read', 'SELECT entry FROM lifeboat_journal WHERE run_id = $1 ORDER BY seq', [runId]);
    if (rows.length === 0) throw new NotFoundError(`run ${runId} not found`);
    return rows.map((row) => journalEntrySchema.parse(JSON.parse(row.entry)));
  }

  acquireLease({ plan, holder, ttl }: { plan: string; holder: string; ttl: Duration }): Promise<Lease> {
    return this.db.transaction('acquire lease', async (c) => {
      await this.checkLeader(c);
      await c.query("INSERT INTO lifeboat_leases VALUES ($1, NULL, 0, 'epoch') ON CONFLICT (plan) DO NOTHING", [plan]);
      const row = (await c.query<LeaseRow>('SELECT holder, token, expires_at, expires_at > clock_timestamp() AS live FROM lifeboat_leases WHERE plan = $1 FOR UPDATE', [plan])).rows[0];
      if (row?.holder && row.holder !== holder && row.live) {
        throw new ConflictError(`plan ${plan} is leased by ${row.holder} until ${row.expires_at.toISOString()}`);
      }
      const taken = await c.query<{ token: string; expires_at: Date }>(
        "UPDATE lifeboat_leases SET holder = $2, token = token + 1, expires_at = clock_timestamp() + $3 * interval '1 millisecond' WHERE plan = $1 RETURNING token, expires_at",
        [plan, holder, ttl.toMilliseconds()],
      );
      const lease = taken.rows[0] as { token: string; expires_at: Date };
      return { plan, holder, fencingToken: Number(lease.token), expiresAt: lease.expires_at };
    });
  }

  renewLease(lease: Lease, ttl: Duration): Promise<Lease> {
    return this.db.transaction('renew lease', async (c) => {
      await this.checkLeader(c);
      const renewed = await c.query<{ expires_at: Date }>(
        "UPDATE lifeboat_leases SET expires_at = clock_timestamp() + $4 * interval '1 millisecond' WHERE plan = $1 AND holder = $2 AND token = $3 RETURNING expires_at",
        [lease.plan, lease.holder, lease.fencingToken, ttl.toMilliseconds()],
      );
      const row = renewed.rows[0];
      if (!row) throw new ConflictError(`plan ${lease.plan}: lease ${lease.fencingToken} was lost`);
      return { ...lease, expiresAt: row.expires_at };
    });
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.db.query('release lease', "UPDATE lifeboat_leases SET holder = NULL, expires_at = 'epoch' WHERE plan = $1 AND holder = $2 AND token = $3", [lease.plan, lease.holder, lease.fencingToken]);
  }

  async listRuns(filter: { plan?: string } = {}): Promise<RunSummary[]> {
    const rows = filter.plan === undefined
      ? await this.db.query<RunRow>('list runs', 'SELECT * FROM lifeboat_runs ORDER BY started_at DESC, run_id DESC')
      : await this.db.query<RunRow>('list runs', 'SELECT * FROM lifeboat_runs WHERE plan = $1 ORDER BY started_at DESC, run_id DESC', [filter.plan]);
    return rows.map((row) => ({
      runId: row.run_id, plan: row.plan, startedAt: new Date(row.started_at), lastSeq: row.last_seq,
      ended: isTerminalKind(row.last_kind as EntryKind) ? (row.last_kind as RunSummary['ended']) : undefined,
    }));
  }

  /** Who holds the plan's lease right now, if anyone (not on the port: the HA resumer's look before it acts). */
  async liveLease(plan: string): Promise<{ holder: string; expiresAt: Date } | undefined> {
    const rows = await this.db.query<{ holder: string; expires_at: Date }>('read lease', 'SELECT holder, expires_at FROM lifeboat_leases WHERE plan = $1 AND holder IS NOT NULL AND expires_at > clock_timestamp()', [plan]);
    const row = rows[0];
    return row && { holder: row.holder, expiresAt: row.expires_at };
  }

  private async checkFence(c: pg.PoolClient, plan: string, fence: NonNullable<AppendRequest['fence']>): Promise<void> {
    await this.checkLeader(c);
    const row = (await c.query<LeaseRow>('SELECT holder, token FROM lifeboat_leases WHERE plan = $1 FOR SHARE', [fence.plan])).rows[0];
    if (fence.plan !== plan || !row?.holder || Number(row.token) !== fence.fencingToken) {
      throw new ConflictError(`plan ${fence.plan}: lease token ${fence.fencingToken} is no longer current`);
    }
  }

  /** With a leader fence: the leadership row must still carry this replica's token, locked until commit. */
  private async checkLeader(c: pg.PoolClient): Promise<void> {
    if (!this.leader) return;
    const mine = this.leader();
    if (!mine) throw new LeadershipLostError('this replica is not the leader (or its leadership term ended): it drives no run');
    const held = await c.query(
      'SELECT 1 FROM lifeboat_leader WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > clock_timestamp() FOR SHARE',
      [mine.name, mine.holder, mine.token],
    );
    if (held.rowCount === 0) throw new LeadershipLostError(`leadership token ${mine.token} of ${mine.holder} is no longer current: a deposed leader writes nothing`);
  }
}

function planOf(entries: readonly JournalEntry[]): string {
  const first = entries[0];
  return first?.kind === 'run-started' ? first.plan : '';
}
