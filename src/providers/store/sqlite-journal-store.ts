import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { Duration } from '../../core/objectives/duration.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Hasher } from '../../core/ports/hasher.js';
import type { AppendRequest, JournalStore, Lease, RunSummary } from '../../core/ports/journal-store.js';
import { canonicalJson } from '../../core/runbook/canonical-json.js';
import { extendChain } from '../../core/runbook/chain-head.js';
import { isTerminalKind, journalEntrySchema, type EntryKind, type JournalEntry } from '../../core/runbook/journal-entry.js';
import { SystemClock } from '../clock/system-clock.js';
import { NodeCryptoHasher } from './node-crypto-hasher.js';
import { sqliteSchema } from './sqlite-schema.js';

interface RunRow { run_id: string; plan: string; started_at: string; last_seq: number; last_hash: string; last_kind: string }
interface LeaseRow { plan: string; holder: string | null; token: number; expires_at: number }

/**
 * The embedded journal store: one SQLite file (WAL) in the state directory, shared safely by every
 * process on the host. Appends run in an IMMEDIATE transaction that checks seq, chain and fence
 * before writing; leases are rows, so `lifeboat run resume` in another process sees who holds a plan.
 *
 * @example const store = SqliteJournalStore.fromConfig({ path: '/var/lib/lifeboat/journal.db' })
 */
export class SqliteJournalStore implements JournalStore {
  constructor(private readonly db: Database.Database, private readonly deps: { hasher: Hasher; clock: Clock }) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.exec(sqliteSchema);
  }

  static fromConfig(config: { path: string }): SqliteJournalStore {
    mkdirSync(dirname(config.path), { recursive: true });
    return new SqliteJournalStore(new Database(config.path), { hasher: new NodeCryptoHasher(), clock: new SystemClock() });
  }

  close(): void {
    this.db.close();
  }

  append(request: AppendRequest): Promise<void> {
    return this.attempt(() => this.db.transaction(() => this.appendNow(request)).immediate());
  }

  private appendNow({ runId, entries, fence }: AppendRequest): void {
    const run = this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE run_id = ?').get(runId);
    const head = run && { seq: run.last_seq, hash: run.last_hash, kind: run.last_kind as EntryKind };
    const next = extendChain(runId, head, entries, this.deps.hasher);
    const plan = run ? run.plan : planOf(entries);
    if (fence) this.checkFence(plan, fence);
    if (!run) this.db.prepare('INSERT INTO runs VALUES (?, ?, ?, 0, ?, ?)').run(runId, plan, entries[0]?.at, '', '');
    const insert = this.db.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const e of entries) insert.run(runId, e.seq, e.at, e.kind, canonicalJson(e), e.prevHash, e.hash);
    this.db.prepare('UPDATE runs SET last_seq = ?, last_hash = ?, last_kind = ? WHERE run_id = ?').run(next.seq, next.hash, next.kind, runId);
  }

  private checkFence(plan: string, fence: NonNullable<AppendRequest['fence']>): void {
    const row = this.leaseRow(fence.plan);
    if (fence.plan !== plan || !row?.holder || row.token !== fence.fencingToken) {
      throw new ConflictError(`plan ${fence.plan}: lease token ${fence.fencingToken} is no longer current`);
    }
  }

  read(runId: string): Promise<JournalEntry[]> {
    return this.attempt(() => {
      const rows = this.db.prepare<[string], { entry: string }>('SELECT entry FROM journal WHERE run_id = ? ORDER BY seq').all(runId);
      if (rows.length === 0) throw new NotFoundError(`run ${runId} not found`);
      return rows.map((row) => journalEntrySchema.parse(JSON.parse(row.entry)));
    });
  }

  acquireLease({ plan, holder, ttl }: { plan: string; holder: string; ttl: Duration }): Promise<Lease> {
    return this.attempt(() => this.db.transaction(() => {
      const now = this.deps.clock.now().getTime();
      const row = this.leaseRow(plan);
      if (row?.holder && row.holder !== holder && row.expires_at > now) {
        throw new ConflictError(`plan ${plan} is leased by ${row.holder} until ${new Date(row.expires_at).toISOString()}`);
      }
      const token = (row?.token ?? 0) + 1;
      const expiresAt = now + ttl.toMilliseconds();
      this.db.prepare('INSERT OR REPLACE INTO leases VALUES (?, ?, ?, ?)').run(plan, holder, token, expiresAt);
      return { plan, holder, fencingToken: token, expiresAt: new Date(expiresAt) };
    }).immediate());
  }

  renewLease(lease: Lease, ttl: Duration): Promise<Lease> {
    return this.attempt(() => {
      const expiresAt = this.deps.clock.now().getTime() + ttl.toMilliseconds();
      const changed = this.db
        .prepare('UPDATE leases SET expires_at = ? WHERE plan = ? AND holder = ? AND token = ?')
        .run(expiresAt, lease.plan, lease.holder, lease.fencingToken).changes;
      if (changed === 0) throw new ConflictError(`plan ${lease.plan}: lease ${lease.fencingToken} was lost`);
      return { ...lease, expiresAt: new Date(expiresAt) };
    });
  }

  releaseLease(lease: Lease): Promise<void> {
    return this.attempt(() => {
      this.db.prepare('UPDATE leases SET holder = NULL, expires_at = 0 WHERE plan = ? AND holder = ? AND token = ?')
        .run(lease.plan, lease.holder, lease.fencingToken);
    });
  }

  listRuns(filter: { plan?: string } = {}): Promise<RunSummary[]> {
    return this.attempt(() => {
      const rows = filter.plan === undefined
        ? this.db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY started_at DESC, run_id DESC').all()
        : this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE plan = ? ORDER BY started_at DESC, run_id DESC').all(filter.plan);
      return rows.map((row) => ({
        runId: row.run_id, plan: row.plan, startedAt: new Date(row.started_at), lastSeq: row.last_seq,
        ended: endOf(row.last_kind as EntryKind),
      }));
    });
  }

  private leaseRow(plan: string): LeaseRow | undefined {
    return this.db.prepare<[string], LeaseRow>('SELECT * FROM leases WHERE plan = ?').get(plan);
  }

  /** Runs synchronous SQLite work and hands its result or error over as a promise. */
  private attempt<T>(work: () => T): Promise<T> {
    return Promise.resolve().then(work);
  }
}

function planOf(entries: readonly JournalEntry[]): string {
  const first = entries[0];
  return first?.kind === 'run-started' ? first.plan : '';
}

function endOf(kind: EntryKind): RunSummary['ended'] {
  return isTerminalKind(kind) ? kind : undefined;
}
