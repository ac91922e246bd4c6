import type { Hasher } from '../ports/hasher.js';
import { canonicalJson } from './canonical-json.js';
import type { EntryDraft, JournalEntry } from './journal-entry.js';

/** The `prevHash` of a run's first entry. */
export const genesisHash = '0'.repeat(64);

/** sha256 over the canonical JSON of the entry without its `hash` (its `prevHash` included). */
export function hashOf(entry: Omit<JournalEntry, 'hash'> | JournalEntry, hasher: Hasher): string {
  const { hash: _hash, ...rest } = entry as JournalEntry;
  return hasher.sha256Hex(canonicalJson(rest));
}

/**
 * Seals a draft onto the end of a chain: next seq, `at`, `prevHash` of the last entry, own `hash`.
 *
 * @example const first = sealEntry({ kind: 'run-resumed', actor: 'ops' }, { previous: undefined, at, hasher })
 */
export function sealEntry(
  draft: EntryDraft,
  options: { previous: JournalEntry | undefined; at: Date; hasher: Hasher },
): JournalEntry {
  const unsealed = {
    ...draft,
    seq: (options.previous?.seq ?? 0) + 1,
    at: options.at.toISOString(),
    prevHash: options.previous?.hash ?? genesisHash,
  } as Omit<JournalEntry, 'hash'>;
  return { ...unsealed, hash: hashOf(unsealed, options.hasher) } as JournalEntry;
}

/** Seals several drafts in order after `previous`. */
export function sealEntries(
  drafts: readonly EntryDraft[],
  options: { previous: JournalEntry | undefined; at: Date; hasher: Hasher },
): JournalEntry[] {
  const sealed: JournalEntry[] = [];
  for (const draft of drafts) sealed.push(sealEntry(draft, { ...options, previous: sealed.at(-1) ?? options.previous }));
  return sealed;
}

export type ChainVerdict = { ok: true } | { ok: false; seq: number; reason: string };

/**
 * Checks a run's journal: seq 1, 2, 3, ..., each `prevHash` equal to the previous `hash`, each `hash`
 * recomputed from the entry. Returns the first broken seq, so tampering with any stored row is found.
 */
export function verifyChain(entries: readonly JournalEntry[], hasher: Hasher): ChainVerdict {
  let previous: JournalEntry | undefined;
  for (const entry of entries) {
    const problem = linkProblem(entry, previous, hasher);
    if (problem) return { ok: false, seq: entry.seq, reason: problem };
    previous = entry;
  }
  return { ok: true };
}

/** Why `entry` does not chain onto `previous`, or undefined when it does. */
export function linkProblem(entry: JournalEntry, previous: JournalEntry | undefined, hasher: Hasher): string | undefined {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (entry.seq !== expectedSeq) return `expected seq ${expectedSeq}, found ${entry.seq}`;
  if (entry.prevHash !== (previous?.hash ?? genesisHash)) return `prevHash does not match the hash of seq ${expectedSeq - 1}`;
  if (entry.hash !== hashOf(entry, hasher)) return 'hash does not match the entry (modified after it was written)';
  return undefined;
}
