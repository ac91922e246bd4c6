import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '../core/errors.js';
import { Duration } from '../core/objectives/duration.js';
import type { Hasher } from '../core/ports/hasher.js';
import type { JournalStore, Lease } from '../core/ports/journal-store.js';
import { sealEntries, verifyChain } from '../core/runbook/hash-chain.js';
import type { EntryDraft, JournalEntry } from '../core/runbook/journal-entry.js';

/** What the contract needs to exercise one JournalStore implementation. */
export interface JournalStoreHarness {
  /** A store on fresh, empty storage. */
  sut: JournalStore;
  /** A second store instance on the same storage (for SQLite: another connection to the same file). */
  sibling: () => JournalStore;
  hasher: Hasher;
  /** Lets `duration` pass for the store's clock (fake or real). */
  elapse: (duration: Duration) => Promise<void>;
  /** Changes a stored entry behind the store's back, as an attacker with file access would. */
  tamper: (runId: string, seq: number, change: (entry: Record<string, unknown>) => void) => Promise<void>;
  /** Takes the plan's lease from somewhere else (for SQLite: another OS process) and keeps it. */
  holdLeaseElsewhere: (request: { plan: string; holder: string; ttl: Duration }) => Promise<Lease>;
  close: () => Promise<void>;
}

const t0 = new Date('2026-03-01T10:00:00.000Z');

function started(runId: string, plan = 'shop'): EntryDraft {
  return {
    kind: 'run-started', runId, plan, planHash: 'a'.repeat(64), actor: 'alice',
    runbook: { kind: 'sequence', id: 'root', children: [{ kind: 'gate', id: 'declare', title: 'Declare', phase: 'declare', approvals: 1, budget: '5m' }] },
  };
}

const approve = (approver: string): EntryDraft => ({ kind: 'gate-approved', gate: 'declare', approver });

function seal(drafts: EntryDraft[], hasher: Hasher, previous?: JournalEntry): JournalEntry[] {
  return sealEntries(drafts, { previous, at: t0, hasher });
}

/**
 * The one contract every JournalStore passes: run it against the fake and each real store.
 *
 * @example describeJournalStoreContract('SqliteJournalStore', async () => sqliteHarness(tmpDir))
 */
export function describeJournalStoreContract(name: string, makeHarness: () => Promise<JournalStoreHarness>): void {
  describe(`JournalStore contract: ${name}`, () => {
    const withHarness = (test: (h: JournalStoreHarness) => Promise<void>) => async (): Promise<void> => {
      const harness = await makeHarness();
      try {
        await test(harness);
      } finally {
        await harness.close();
      }
    };

    it('reads back appended entries in seq order, across batches', withHarness(async ({ sut, hasher }) => {
      const first = seal([started('r1'), approve('ic')], hasher);
      const second = seal([approve('cto'), { kind: 'run-succeeded' }], hasher, first[1]);

      await sut.append({ runId: 'r1', entries: first });
      await sut.append({ runId: 'r1', entries: second });
      const read = await sut.read('r1');

      expect(read).toEqual([...first, ...second]);
      expect(verifyChain(read, hasher)).toEqual({ ok: true });
    }));

    it('throws NotFoundError for an unknown run', withHarness(async ({ sut }) => {
      await expect(sut.read('nope')).rejects.toBeInstanceOf(NotFoundError);
    }));

    it.each([
      ['a seq gap', (e: JournalEntry[], h: Hasher) => seal([approve('x')], h, { ...e[0]!, seq: 2 }), ConflictError],
      ['a seq already taken', (_e: JournalEntry[], h: Hasher) => seal([approve('x')], h), ConflictError],
      ['a prevHash that does not chain', (e: JournalEntry[], h: Hasher) => seal([approve('x')], h, { ...e[0]!, hash: 'f'.repeat(64) }), InputError],
      ['a second run-started', (e: JournalEntry[], h: Hasher) => seal([started('r1')], h, e[0]), InputError],
      ['a hash that does not match', (e: JournalEntry[], h: Hasher) => seal([approve('x')], h, e[0]).map((x) => ({ ...x, hash: 'f'.repeat(64) })), InputError],
    ])('refuses %s and writes nothing', (_case, makeEntries, errorType) => withHarness(async ({ sut, hasher }) => {
      const head = seal([started('r1')], hasher);
      await sut.append({ runId: 'r1', entries: head });

      const attempt = sut.append({ runId: 'r1', entries: makeEntries(head, hasher) });

      await expect(attempt).rejects.toBeInstanceOf(errorType);
      expect(await sut.read('r1')).toEqual(head);
    })());

    it('appends a batch atomically: a bad entry in the middle leaves nothing written', withHarness(async ({ sut, hasher }) => {
      const head = seal([started('r1')], hasher);
      await sut.append({ runId: 'r1', entries: head });
      const [a, b] = seal([approve('a'), approve('b')], hasher, head[0]);

      const attempt = sut.append({ runId: 'r1', entries: [a!, { ...b!, hash: '0'.repeat(64) }] });

      await expect(attempt).rejects.toBeInstanceOf(InputError);
      expect(await sut.read('r1')).toHaveLength(1);
    }));

    it('refuses a first entry that is not run-started at seq 1', withHarness(async ({ sut, hasher }) => {
      await expect(sut.append({ runId: 'r1', entries: seal([approve('x')], hasher) })).rejects.toBeInstanceOf(ConflictError);
    }));

    it('refuses anything after a terminal entry', withHarness(async ({ sut, hasher }) => {
      const head = seal([started('r1'), { kind: 'run-aborted', actor: 'bob', reason: 'drill over' }], hasher);
      await sut.append({ runId: 'r1', entries: head });

      const attempt = sut.append({ runId: 'r1', entries: seal([approve('x')], hasher, head[1]) });

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    }));

    it('lets verifyChain find the seq of a row tampered with in storage', withHarness(async ({ sut, hasher, tamper }) => {
      await sut.append({ runId: 'r1', entries: seal([started('r1'), approve('ic'), approve('cto')], hasher) });

      await tamper('r1', 2, (entry) => { entry.approver = 'mallory'; });
      const verdict = verifyChain(await sut.read('r1'), hasher);

      expect(verdict).toMatchObject({ ok: false, seq: 2 });
    }));

    it('gives the lease to one holder at a time, also across store instances', withHarness(async ({ sut, sibling }) => {
      const ttl = Duration.seconds(30);
      const lease = await sut.acquireLease({ plan: 'shop', holder: 'a', ttl });

      // Checked at once: a store that answers over the network rejects while the next call is awaited.
      const refused = expect(sibling().acquireLease({ plan: 'shop', holder: 'b', ttl })).rejects.toBeInstanceOf(ConflictError);
      const other = await sibling().acquireLease({ plan: 'billing', holder: 'b', ttl });

      await refused;
      expect(lease).toMatchObject({ plan: 'shop', holder: 'a' });
      expect(other.plan).toBe('billing');
    }));

    it('hands an expired lease over with a larger fencing token and refuses the old holder', withHarness(async ({ sut, sibling, elapse }) => {
      const ttl = Duration.milliseconds(300);
      const old = await sut.acquireLease({ plan: 'shop', holder: 'a', ttl });

      await elapse(Duration.milliseconds(400));
      const taken = await sibling().acquireLease({ plan: 'shop', holder: 'b', ttl: Duration.seconds(30) });

      expect(taken.fencingToken).toBeGreaterThan(old.fencingToken);
      await expect(sut.renewLease(old, ttl)).rejects.toBeInstanceOf(ConflictError);
    }));

    it('refuses a fenced append whose token is no longer current', withHarness(async ({ sut, sibling, hasher, elapse }) => {
      const old = await sut.acquireLease({ plan: 'shop', holder: 'a', ttl: Duration.milliseconds(200) });
      const head = seal([started('r1')], hasher);
      await sut.append({ runId: 'r1', entries: head, fence: old });
      await elapse(Duration.milliseconds(300));
      const current = await sibling().acquireLease({ plan: 'shop', holder: 'b', ttl: Duration.seconds(30) });

      const stale = sut.append({ runId: 'r1', entries: seal([approve('x')], hasher, head[0]), fence: old });
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      await sut.append({ runId: 'r1', entries: seal([approve('y')], hasher, head[0]), fence: current });

      expect((await sut.read('r1')).map((e) => e.kind)).toEqual(['run-started', 'gate-approved']);
    }));

    it('renews a held lease and frees it on release, tokens still growing', withHarness(async ({ sut, sibling }) => {
      const ttl = Duration.seconds(30);
      const lease = await sut.acquireLease({ plan: 'shop', holder: 'a', ttl });

      const renewed = await sut.renewLease(lease, Duration.seconds(60));
      await sut.releaseLease(renewed);
      const next = await sibling().acquireLease({ plan: 'shop', holder: 'b', ttl });

      expect(renewed.expiresAt.getTime()).toBeGreaterThan(lease.expiresAt.getTime());
      expect(next.fencingToken).toBeGreaterThan(lease.fencingToken);
      await expect(sut.renewLease(renewed, ttl)).rejects.toBeInstanceOf(ConflictError);
    }));

    it('lists runs per plan with their end', withHarness(async ({ sut, hasher }) => {
      await sut.append({ runId: 'r1', entries: seal([started('r1', 'shop'), { kind: 'run-succeeded' }], hasher) });
      await sut.append({ runId: 'r2', entries: seal([started('r2', 'shop')], hasher) });
      await sut.append({ runId: 'r3', entries: seal([started('r3', 'billing')], hasher) });

      const shop = await sut.listRuns({ plan: 'shop' });
      const all = await sut.listRuns();

      expect(shop.map((r) => [r.runId, r.ended, r.lastSeq])).toEqual([['r2', undefined, 1], ['r1', 'run-succeeded', 2]]);
      expect(all).toHaveLength(3);
    }));

    it('refuses the lease while another process holds it, then lets the next holder in after expiry', withHarness(async ({ sut, elapse, holdLeaseElsewhere }) => {
      const elsewhere = await holdLeaseElsewhere({ plan: 'shop', holder: 'other-process', ttl: Duration.seconds(3) });

      const refused = sut.acquireLease({ plan: 'shop', holder: 'this-process', ttl: Duration.seconds(30) });
      await expect(refused).rejects.toThrow(/leased by other-process/);
      await expect(refused).rejects.toBeInstanceOf(ConflictError);
      await elapse(Duration.milliseconds(3100));
      const mine = await sut.acquireLease({ plan: 'shop', holder: 'this-process', ttl: Duration.seconds(30) });

      expect(mine.fencingToken).toBeGreaterThan(elsewhere.fencingToken);
    }), 20_000);
  });
}
