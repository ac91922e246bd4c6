import { ConflictError, NotFoundError } from '../core/errors.js';
import type { Duration } from '../core/objectives/duration.js';
import type { Clock } from '../core/ports/clock.js';
import type { Hasher } from '../core/ports/hasher.js';
import type { AppendRequest, JournalStore, Lease, RunSummary } from '../core/ports/journal-store.js';
import { extendChain } from '../core/runbook/chain-head.js';
import { isTerminalKind, type JournalEntry } from '../core/runbook/journal-entry.js';

interface LeaseRow {
  holder: string | undefined;
  token: number;
  expiresAt: number;
}

/** The state several InMemoryJournalStore instances share, as processes share one SQLite file. */
export class InMemoryJournalBacking {
  readonly runs = new Map<string, { plan: string; entries: JournalEntry[] }>();
  readonly leases = new Map<string, LeaseRow>();
}

/**
 * A hand-written JournalStore for tests, with the same rules as the real ones (it passes the same
 * contract suite): atomic chained appends, fencing, leases that expire on the given clock.
 * Entries are copied in and out, so a test can tamper with a read copy without touching the store.
 */
export class InMemoryJournalStore implements JournalStore {
  constructor(
    private readonly deps: { hasher: Hasher; clock: Clock },
    readonly backing: InMemoryJournalBacking = new InMemoryJournalBacking(),
  ) {}

  append(request: AppendRequest): Promise<void> {
    return Promise.resolve().then(() => this.appendNow(request));
  }

  private appendNow({ runId, entries, fence }: AppendRequest): void {
    const run = this.backing.runs.get(runId);
    const last = run?.entries.at(-1);
    extendChain(runId, last, entries, this.deps.hasher);
    const plan = run ? run.plan : planOf(entries);
    if (fence) this.checkFence(plan, fence);
    this.backing.runs.set(runId, { plan, entries: [...(run?.entries ?? []), ...structuredClone(entries)] });
  }

  private checkFence(plan: string, fence: NonNullable<AppendRequest['fence']>): void {
    const row = this.backing.leases.get(fence.plan);
    if (fence.plan !== plan || !row?.holder || row.token !== fence.fencingToken) {
      throw new ConflictError(`plan ${fence.plan}: lease token ${fence.fencingToken} is no longer current`);
    }
  }

  read(runId: string): Promise<JournalEntry[]> {
    const run = this.backing.runs.get(runId);
    if (!run) return Promise.reject(new NotFoundError(`run ${runId} not found`));
    return Promise.resolve(structuredClone(run.entries));
  }

  acquireLease({ plan, holder, ttl }: { plan: string; holder: string; ttl: Duration }): Promise<Lease> {
    const now = this.deps.clock.now().getTime();
    const row = this.backing.leases.get(plan);
    if (row?.holder && row.holder !== holder && row.expiresAt > now) {
      return Promise.reject(new ConflictError(`plan ${plan} is leased by ${row.holder} until ${new Date(row.expiresAt).toISOString()}`));
    }
    const next: LeaseRow = { holder, token: (row?.token ?? 0) + 1, expiresAt: now + ttl.toMilliseconds() };
    this.backing.leases.set(plan, next);
    return Promise.resolve({ plan, holder, fencingToken: next.token, expiresAt: new Date(next.expiresAt) });
  }

  renewLease(lease: Lease, ttl: Duration): Promise<Lease> {
    const row = this.backing.leases.get(lease.plan);
    if (!row || row.holder !== lease.holder || row.token !== lease.fencingToken) {
      return Promise.reject(new ConflictError(`plan ${lease.plan}: lease ${lease.fencingToken} was lost`));
    }
    row.expiresAt = this.deps.clock.now().getTime() + ttl.toMilliseconds();
    return Promise.resolve({ ...lease, expiresAt: new Date(row.expiresAt) });
  }

  releaseLease(lease: Lease): Promise<void> {
    const row = this.backing.leases.get(lease.plan);
    if (row && row.holder === lease.holder && row.token === lease.fencingToken) {
      this.backing.leases.set(lease.plan, { holder: undefined, token: row.token, expiresAt: 0 });
    }
    return Promise.resolve();
  }

  listRuns(filter: { plan?: string } = {}): Promise<RunSummary[]> {
    const summaries: RunSummary[] = [];
    for (const [runId, run] of this.backing.runs) {
      if (filter.plan === undefined || run.plan === filter.plan) summaries.push(summaryOf(runId, run));
    }
    return Promise.resolve(summaries.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.runId.localeCompare(a.runId)));
  }
}

function planOf(entries: readonly JournalEntry[]): string {
  const first = entries[0];
  return first?.kind === 'run-started' ? first.plan : '';
}

function summaryOf(runId: string, run: { plan: string; entries: JournalEntry[] }): RunSummary {
  const last = run.entries.at(-1);
  const ended = last && isTerminalKind(last.kind) ? last.kind : undefined;
  return { runId, plan: run.plan, startedAt: new Date(run.entries[0]?.at ?? 0), lastSeq: last?.seq ?? 0, ended };
}
