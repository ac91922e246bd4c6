import { ConflictError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Hasher } from '../ports/hasher.js';
import type { JournalStore, Lease } from '../ports/journal-store.js';
import { sealEntries } from './hash-chain.js';
import { terminalEntryOf, type EntryDraft, type JournalEntry } from './journal-entry.js';

export interface JournalWriterOptions {
  store: JournalStore;
  runId: string;
  hasher: Hasher;
  clock: Clock;
  /** The runner's lease: appends are fenced with it. Approvers and `run abort` write without one. */
  lease?: () => Lease;
  /** Called after a ConflictError, before re-reading: the runner renews its lease here (throws when lost). */
  onConflict?: () => Promise<void>;
}

const maxConflicts = 20;

/**
 * Appends entries to one run's journal: seals them onto the chain, one batch at a time, and when another
 * writer got there first (an approval, an abort) re-reads and re-seals on top. Never writes after a
 * terminal entry: such batches are dropped, and `append` says so by returning false.
 *
 * @example await new JournalWriter({ store, runId, hasher, clock }).append([{ kind: 'gate-approved', gate: 'declare', approver: 'ic' }])
 */
export class JournalWriter {
  private cache: JournalEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: JournalWriterOptions) {}

  /** The entries as last read or written by this writer. */
  get entries(): readonly JournalEntry[] {
    return this.cache;
  }

  /** Reads the run's journal from the store. */
  async refresh(): Promise<readonly JournalEntry[]> {
    this.cache = await this.options.store.read(this.options.runId);
    return this.cache;
  }

  /** Appends drafts as one atomic batch; false when the run had already ended (nothing written). */
  append(drafts: readonly EntryDraft[]): Promise<boolean> {
    const result = this.queue.then(() => this.appendNow(drafts));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async appendNow(drafts: readonly EntryDraft[]): Promise<boolean> {
    for (let conflicts = 0; ; conflicts++) {
      if (terminalEntryOf(this.cache)) return false;
      const entries = sealEntries(drafts, { previous: this.cache.at(-1), at: this.options.clock.now(), hasher: this.options.hasher });
      try {
        await this.options.store.append({ runId: this.options.runId, entries, ...this.fence() });
        this.cache = [...this.cache, ...entries];
        return true;
      } catch (error) {
        if (!(error instanceof ConflictError) || conflicts >= maxConflicts) throw error;
        await this.options.onConflict?.();
        await this.refresh();
      }
    }
  }

  private fence(): { fence?: Pick<Lease, 'plan' | 'fencingToken'> } {
    const lease = this.options.lease?.();
    return lease ? { fence: { plan: lease.plan, fencingToken: lease.fencingToken } } : {};
  }
}
