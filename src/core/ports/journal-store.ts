import type { Duration } from '../objectives/duration.js';
import type { JournalEntry, TerminalKind } from '../runbook/journal-entry.js';

/** The right to drive a plan's runs, held by one runner at a time. */
export interface Lease {
  plan: string;
  holder: string;
  /** Grows on every acquisition: a store refuses fenced appends carrying an older token. */
  fencingToken: number;
  expiresAt: Date;
}

export interface AppendRequest {
  runId: string;
  /** Sealed entries (see `sealEntries`) continuing the run's chain exactly. */
  entries: readonly JournalEntry[];
  /** When given, the append is refused unless this is still the plan's current lease. */
  fence?: Pick<Lease, 'plan' | 'fencingToken'>;
}

export interface RunSummary {
  runId: string;
  plan: string;
  startedAt: Date;
  lastSeq: number;
  /** The terminal kind once the run has ended, else undefined (running, or waiting for a resume). */
  ended: TerminalKind | undefined;
}

/**
 * Durable, hash-chained journals of runbook runs and the per-plan lease (one run at a time per plan).
 * Implementations: SqliteJournalStore (embedded), PostgreSQL later; InMemoryJournalStore for tests.
 * Every implementation passes `src/testing/journal-store.contract.ts`.
 */
export interface JournalStore {
  /**
   * Appends all entries or none. Throws ConflictError when the first entry's seq is not the next one
   * (someone else appended: re-read and re-seal), when an entry does not chain (prevHash or hash), or
   * when `fence` is no longer the plan's lease. A run-started entry at seq 1 creates the run.
   */
  append(request: AppendRequest): Promise<void>;
  /** The run's entries in seq order; throws NotFoundError for an unknown run. */
  read(runId: string): Promise<JournalEntry[]>;
  /** Takes the plan's lease; throws ConflictError while another holder's lease has not expired. */
  acquireLease(request: { plan: string; holder: string; ttl: Duration }): Promise<Lease>;
  /** Extends a held lease; throws ConflictError when it was lost (expired and taken, or released). */
  renewLease(lease: Lease, ttl: Duration): Promise<Lease>;
  /** Gives the lease up; does nothing when it is no longer held. */
  releaseLease(lease: Lease): Promise<void>;
  /** Runs, newest first; only the plan's when `plan` is given. */
  listRuns(filter?: { plan?: string }): Promise<RunSummary[]>;
}
