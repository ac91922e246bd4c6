import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { rb } from '../../testing/runbook-builders.js';
import { verifyChain } from './hash-chain.js';
import { JournalWriter } from './journal-writer.js';
import { toRunbookJson } from './runbook-json.js';

const hasher = new NodeCryptoHasher();

async function setup() {
  const clock = new FakeClock();
  const store = new InMemoryJournalStore({ hasher, clock });
  const writer = (lease?: Parameters<InMemoryJournalStore['renewLease']>[0]) =>
    new JournalWriter({ store, runId: 'r1', hasher, clock, ...(lease ? { lease: () => lease, onConflict: async () => { await store.renewLease(lease, Duration.seconds(30)); } } : {}) });
  await writer().append([{ kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'h', runbook: toRunbookJson(rb.step('a')), actor: 'alice' }]);
  return { clock, store, writer };
}

describe('JournalWriter', () => {
  it('re-seals on top when another writer appended first, so both land on one valid chain', async () => {
    const { store, writer } = await setup();
    const [runner, approver] = [writer(), writer()];
    await runner.refresh();
    await approver.refresh();

    await approver.append([{ kind: 'gate-approved', gate: 'g', approver: 'ic' }]);
    const landed = await runner.append([{ kind: 'step-started', step: 'a', attempt: 1 }]);
    const entries = await store.read('r1');

    expect(landed).toBe(true);
    expect(entries.map((e) => e.kind)).toEqual(['run-started', 'gate-approved', 'step-started']);
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
  });

  it('serialises its own concurrent appends in call order', async () => {
    const { store, writer } = await setup();
    const sut = writer();
    await sut.refresh();

    await Promise.all(['x', 'y', 'z'].map((step) => sut.append([{ kind: 'step-started', step, attempt: 1 }])));

    expect((await store.read('r1')).map((e) => ('step' in e ? e.step : e.kind))).toEqual(['run-started', 'x', 'y', 'z']);
  });

  it('drops a batch when the run ended meanwhile and says so', async () => {
    const { store, writer } = await setup();
    const [sut, cli] = [writer(), writer()];
    await sut.refresh();
    await cli.refresh();
    await cli.append([{ kind: 'run-aborted', actor: 'bob', reason: 'drill over' }]);

    const landed = await sut.append([{ kind: 'step-succeeded', step: 'a', attempt: 1, output: null }]);

    expect(landed).toBe(false);
    expect((await store.read('r1')).at(-1)?.kind).toBe('run-aborted');
  });

  it('fails with ConflictError once its lease was taken by another holder', async () => {
    const { clock, store, writer } = await setup();
    const lease = await store.acquireLease({ plan: 'shop', holder: 'a', ttl: Duration.seconds(30) });
    const sut = writer(lease);
    await sut.refresh();
    clock.advance(Duration.seconds(31));
    await store.acquireLease({ plan: 'shop', holder: 'b', ttl: Duration.seconds(30) });

    const attempt = sut.append([{ kind: 'step-started', step: 'a', attempt: 1 }]);

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await store.read('r1')).toHaveLength(1);
  });
});
