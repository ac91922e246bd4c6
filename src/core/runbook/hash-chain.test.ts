import { describe, expect, it } from 'vitest';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { canonicalJson } from './canonical-json.js';
import { genesisHash, sealEntries, verifyChain } from './hash-chain.js';
import type { EntryDraft, JournalEntry } from './journal-entry.js';

const hasher = new NodeCryptoHasher();
const at = new Date('2026-03-01T10:00:00.000Z');
const drafts: EntryDraft[] = [
  { kind: 'run-resumed', actor: 'alice' },
  { kind: 'gate-approved', gate: 'declare', approver: 'ic' },
  { kind: 'run-aborted', actor: 'bob', reason: 'drill over' },
];

describe('canonicalJson', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [true, null] }, '{"a":[true,null],"b":1}'],
    [{ z: { y: 'x', w: undefined }, a: 1 }, '{"a":1,"z":{"y":"x"}}'],
    [[1, 'two', { c: 3, b: 2 }], '[1,"two",{"b":2,"c":3}]'],
    ['text', '"text"'],
    [null, 'null'],
  ])('%j -> %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('hash chain', () => {
  it('seals entries with seq, prevHash and a sha256 over the canonical entry', () => {
    const sut = sealEntries(drafts, { previous: undefined, at, hasher });

    expect(sut.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(sut[0]?.prevHash).toBe(genesisHash);
    expect(sut[1]?.prevHash).toBe(sut[0]?.hash);
    expect(sut[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(sut, hasher)).toEqual({ ok: true });
  });

  const sealed = sealEntries(drafts, { previous: undefined, at, hasher });
  it.each<[string, (entries: JournalEntry[]) => JournalEntry[], number]>([
    ['a changed field', (e) => e.map((x) => (x.seq === 2 ? { ...x, approver: 'mallory' } : x)), 2],
    ['a changed time', (e) => e.map((x) => (x.seq === 3 ? { ...x, at: '2026-03-01T09:00:00.000Z' } : x)), 3],
    ['a removed entry', (e) => e.filter((x) => x.seq !== 2), 3],
    ['a forged entry re-hashed to look sealed: the next one no longer chains', (e) => {
      const forged = sealEntries([{ kind: 'gate-approved', gate: 'declare', approver: 'mallory' }], { previous: e[0], at, hasher });
      return [e[0]!, ...forged, e[2]!];
    }, 3],
    ['reordered entries', (e) => [e[0]!, e[2]!, e[1]!], 3],
  ])('verifyChain finds %s', (_case, tamper, brokenSeq) => {
    const verdict = verifyChain(tamper(sealed), hasher);

    expect(verdict).toMatchObject({ ok: false, seq: brokenSeq });
  });
});
