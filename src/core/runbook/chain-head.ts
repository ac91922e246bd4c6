import { ConflictError, InputError } from '../errors.js';
import type { Hasher } from '../ports/hasher.js';
import { linkProblem } from './hash-chain.js';
import { isTerminalKind, type EntryKind, type JournalEntry } from './journal-entry.js';

/** The last entry of a run's chain, as much of it as a store needs to check the next append. */
export interface ChainHead {
  seq: number;
  hash: string;
  kind: EntryKind;
}

/**
 * The rule every JournalStore applies inside its append transaction: the batch must continue the chain
 * at `head` (undefined for a new run, which must begin with run-started at seq 1), and nothing may
 * follow a terminal entry. Returns the new head. Throws ConflictError when someone else appended first
 * or the run has ended (re-read and decide again), InputError when an entry is not sealed correctly.
 */
export function extendChain(runId: string, head: ChainHead | undefined, entries: readonly JournalEntry[], hasher: Hasher): ChainHead {
  const first = entries[0];
  if (!first) throw new InputError('append: no entries');
  if (!head && (first.seq !== 1 || first.kind !== 'run-started')) {
    throw new ConflictError(`run ${runId}: expected seq 1 (run-started), got seq ${first.seq} (${first.kind})`);
  }
  return entries.reduce<ChainHead | undefined>((current, entry) => link(runId, current, entry, hasher), head) as ChainHead;
}

function link(runId: string, current: ChainHead | undefined, entry: JournalEntry, hasher: Hasher): ChainHead {
  if (current && isTerminalKind(current.kind)) throw new ConflictError(`run ${runId} has ended (${current.kind})`);
  const expected = (current?.seq ?? 0) + 1;
  if (entry.seq !== expected) throw new ConflictError(`run ${runId}: expected seq ${expected}, got ${entry.seq}`);
  if (entry.kind === 'run-started' && entry.seq !== 1) throw new InputError(`run ${runId} seq ${entry.seq}: run-started may only open a journal`);
  const problem = linkProblem(entry, current as JournalEntry | undefined, hasher);
  if (problem) throw new InputError(`run ${runId} seq ${entry.seq}: ${problem}`);
  return { seq: entry.seq, hash: entry.hash, kind: entry.kind };
}
