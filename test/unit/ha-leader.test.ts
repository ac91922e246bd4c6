import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { RunbookRunner } from '../../src/core/runbook/runner.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { PostgresDatabase } from '../../src/providers/store/postgres-database.js';
import { LeadershipLostError, PostgresJournalStore } from '../../src/providers/store/postgres-journal-store.js';
import { PostgresLeaderLease } from '../../src/providers/store/postgres-leader-lease.js';
import { PostgresLeader } from '../../src/server/scheduler/postgres-leader.js';
import { rb } from '../../src/testing/runbook-builders.js';
import { ScriptedStepExecutor } from '../../src/testing/scripted-step-executor.js';
import { startPostgres, type TestPostgres } from './ha-postgres.js';
import { partitionable, type Partition } from './ha-proxy.js';

const TTL = Duration.milliseconds(1500);
let pg: TestPostgres;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => { pg = await startPostgres(); }, 120_000);
afterAll(async () => { await pg?.stop(); }, 60_000);
afterEach(async () => { for (const c of cleanup.splice(0).reverse()) await c(); });

function replica(id: string, o: { schema: string; url?: string }): { sut: PostgresLeader; lease: PostgresLeaderLease; changes: boolean[] } {
  const db = PostgresDatabase.fromConfig({ url: o.url ?? pg.url, schema: o.schema, timeoutMs: 500 });
  const lease = new PostgresLeaderLease(db);
  const sut = new PostgresLeader({ lease, id, ttl: TTL });
  const changes: boolean[] = [];
  sut.onChange((leading) => changes.push(leading));
  cleanup.push(async () => { await sut.close(); await db.close(); });
  return { sut, lease, changes };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(20);
  }
}

async function withPartition(): Promise<Partition> {
  const p = await partitionable(pg.url);
  cleanup.push(() => p.close());
  return p;
}

describe('PostgresLeader: one leader among replicas sharing PostgreSQL', () => {
  it('elects exactly one of three replicas; the others know who leads', async () => {
    const schema = pg.freshSchema();
    const replicas = ['a', 'b', 'c'].map((id) => replica(id, { schema }));

    for (const r of replicas) r.sut.start();
    await until(() => replicas.some((r) => r.sut.isLeader()));
    await sleep(TTL.toMilliseconds());

    const leaders = replicas.filter((r) => r.sut.isLeader());
    expect(leaders).toHaveLength(1);
    const leaderId = leaders[0]?.sut.id;
    expect(replicas.map((r) => r.sut.leaderId())).toEqual([leaderId, leaderId, leaderId]);
    expect(leaders[0]?.changes).toEqual([false, true]);
  });

  it('hands leadership over at once when the leader closes, with a larger token', async () => {
    const schema = pg.freshSchema();
    const a = replica('a', { schema });
    const b = replica('b', { schema });
    a.sut.start();
    await until(() => a.sut.isLeader());
    const first = a.sut.fence();
    b.sut.start();

    await a.sut.close();
    await until(() => b.sut.isLeader(), TTL.toMilliseconds());

    expect(a.changes).toEqual([false, true, false]);
    expect(b.sut.fence()?.token).toBeGreaterThan(first?.token ?? Infinity);
  });

  it('takes over from a leader frozen inside a transaction that holds the leadership row, once the database ends it', async () => {
    const schema = pg.freshSchema();
    const frozen = PostgresDatabase.fromConfig({ url: pg.url, schema, timeoutMs: 500 });
    cleanup.push(() => frozen.close());
    const lease = new PostgresLeaderLease(frozen);
    const claimed = await lease.claim('a', TTL);
    // Replica a's journal append checks its leadership FOR SHARE, then its process stops before COMMIT.
    const stuck = frozen.transaction('append', async (c) => {
      await c.query('SELECT 1 FROM lifeboat_leader WHERE name = $1 FOR SHARE', [lease.name]);
      await sleep(TTL.toMilliseconds() * 2);
    }).then(() => 'committed', (e: unknown) => e);
    const b = replica('b', { schema });

    b.sut.start();
    await until(() => b.sut.isLeader(), TTL.toMilliseconds() * 3);

    expect(claimed).toMatchObject({ mine: true });
    expect(b.sut.fence()?.token).toBeGreaterThan(claimed.mine ? claimed.token : Infinity);
    expect(await stuck).toMatchObject({ name: 'ProviderError', retryable: true });
  }, 20_000);

  it('steps down on its own when the database is cut off, before the other replica takes over after the ttl', async () => {
    const schema = pg.freshSchema();
    const partition = await withPartition();
    const a = replica('a', { schema, url: partition.url });
    const b = replica('b', { schema });
    a.sut.start();
    await until(() => a.sut.isLeader());
    b.sut.start();
    await sleep(300);

    partition.cut();
    const cutAt = Date.now();
    await until(() => !a.sut.isLeader(), TTL.toMilliseconds() * 2);
    const steppedDownAfter = Date.now() - cutAt;
    await until(() => b.sut.isLeader(), TTL.toMilliseconds() * 3);
    const takenOverAfter = Date.now() - cutAt;

    expect(steppedDownAfter).toBeLessThan(takenOverAfter);
    expect(a.changes).toEqual([false, true, false]);
    await until(() => a.changes.length === 3);
    partition.heal();
    await sleep(TTL.toMilliseconds());
    expect(a.sut.isLeader()).toBe(false);
    expect(a.sut.leaderId()).toBe('b');
  });

  it('fences a deposed leader in the database: its runner can neither take nor renew a plan lease nor append', async () => {
    const schema = pg.freshSchema();
    const hasher = new NodeCryptoHasher();
    const partition = await withPartition();
    const a = replica('a', { schema, url: partition.url });
    const b = replica('b', { schema });
    const store = PostgresJournalStore.fromConfig({ url: pg.url, schema });
    cleanup.push(() => store.close());
    a.sut.start();
    await until(() => a.sut.isLeader());
    const stale = a.sut.fence();
    // A runner of replica a drives under a's leadership, its journal connection unaffected by the cut.
    const clock = SystemClock.fromConfig();
    const runner = new RunbookRunner({
      store: store.withLeaderFence(() => a.sut.fence()), clock, hasher, holder: 'a', leaseTtl: Duration.milliseconds(900), pollInterval: Duration.milliseconds(50),
      executor: new ScriptedStepExecutor(clock, { s1: [{ ok: {}, takes: Duration.seconds(60) }] }),
    });
    const drive = runner.start({ runId: 'r1', plan: 'shop', planHash: 'h', runbook: rb.seq('root', rb.step('s1')), actor: 'ic' }).catch((e: unknown) => e);
    let kinds: string[] = [];
    while (!kinds.includes('step-started')) {
      await sleep(20);
      kinds = (await store.read('r1').catch(() => [])).map((e) => e.kind);
    }
    b.sut.start();

    partition.cut();
    await until(() => b.sut.isLeader(), TTL.toMilliseconds() * 3);
    const stopped = await drive;
    const takenByStale = store.withLeaderFence(() => stale).acquireLease({ plan: 'billing', holder: 'a', ttl: Duration.seconds(30) });

    expect(stopped).toBeInstanceOf(LeadershipLostError);
    await expect(takenByStale).rejects.toThrow(/leadership token \d+ of a is no longer current/);
    const entries = await store.read('r1');
    expect(entries.map((e) => e.kind)).toEqual(['run-started', 'step-started']);
    const current = store.withLeaderFence(() => b.sut.fence());
    await expect(current.acquireLease({ plan: 'shop', holder: 'b', ttl: Duration.seconds(30) })).resolves.toMatchObject({ holder: 'b' });
  }, 30_000);
});
