import type { Hasher } from '../ports/hasher.js';
import { canonicalJson } from '../runbook/canonical-json.js';
import { genesisHash, hashOf } from '../runbook/hash-chain.js';
import type { JournalEntry } from '../runbook/journal-entry.js';
import { scrubText } from './scrub-text.js';

/** Digests and timestamps: fixed formats that carry no secret, and must not be altered. */
const untouchedKeys = new Set(['hash', 'prevHash', 'planHash', 'at']);

/** Every string inside `value` (object keys excepted) passed through `scrubText`. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubDeep(v, secrets)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = untouchedKeys.has(key) ? v : scrubDeep(v, secrets);
  return out as T;
}

export interface ScrubbedJournal {
  entries: JournalEntry[];
  /** Seqs of the entries a secret was removed from. */
  redactedSeqs: number[];
}

/**
 * Removes secrets from a run's journal for publication. Entries without secrets keep their hashes;
 * from the first altered entry on, `prevHash` and `hash` are recomputed, so the published journal is
 * still one intact chain (its head then differs from the store's, which the report records).
 */
export function scrubJournal(entries: readonly JournalEntry[], secrets: readonly string[], hasher: Hasher): ScrubbedJournal {
  const out: JournalEntry[] = [];
  const redactedSeqs: number[] = [];
  for (const entry of entries) {
    const scrubbed = scrubDeep(entry, secrets);
    if (canonicalJson(scrubbed) !== canonicalJson(entry)) redactedSeqs.push(entry.seq);
    const prevHash = out.at(-1)?.hash ?? genesisHash;
    if (redactedSeqs.length === 0) {
      out.push(scrubbed);
      continue;
    }
    const relinked = { ...scrubbed, prevHash };
    out.push({ ...relinked, hash: hashOf(relinked, hasher) });
  }
  return { entries: out, redactedSeqs };
}
