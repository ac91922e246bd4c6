import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ProviderError } from '../../src/core/errors.js';
import { Duration } from '../../src/core/objectives/duration.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { PostgresDatabase } from '../../src/providers/store/postgres-database.js';
import { PostgresDrillHistory } from '../../src/providers/store/postgres-drill-history.js';
import { PostgresJournalStore } from '../../src/providers/store/postgres-journal-store.js';
import { sealEntries } from '../../src/core/runbook/hash-chain.js';
import { describeDrillHistoryContract } from '../../src/testing/drill-history.contract.js';
import { describeJournalStoreContract, type JournalStoreHarness } from '../../src/testing/journal-store.contract.js';
import { startPostgres, type TestPostgres } from './ha-postgres.js';

const hasher = new NodeCryptoHasher();
let pg: TestPostgres;

beforeAll(async () => { pg = await startPostgres(); }, 120_000);
afterAll(async () => { await pg?.stop(); }, 60_000);

describeJournalStoreContract('PostgresJournalStore', () => {
  const schema = pg.freshSchema();
  const dbs: PostgresDatabase[] = [];
  const open = (): PostgresJournalStore => {
    const db = PostgresDatabase.fromConfig({ url: pg.url, schema });
    dbs.push(db);
    return new PostgresJournalStore(db, { hasher });
  };
  const sut = open();
  const harness: JournalStoreHarness = {
    sut,
    // Another pool: other connections, as another replica has.
    sibling: open,
    hasher,
    elapse: (d) => sleep(d.toMilliseconds()),
    tamper: async (runId, seq, change) => {
      const [row] = await sut.db.query<{ entry: string }>('test', 'SELECT entry FROM lifeboat_journal WHERE run_id = $1 AND seq = $2', [runId, seq]);
      const entry = JSON.parse(row?.entry ?? '{}') as Record<string, unknown>;
      change(entry);
      await sut.db.query('test', 'UPDATE lifeboat_journal SET entry = $1 WHERE run_id = $2 AND seq = $3', [JSON.stringify(entry), runId, seq]);
    },
    holdLeaseElsewhere: (request) => open().acquireLease(request),
    close: async () => { await Promise.all(dbs.map((db) => db.close())); },
  };
  return Promise.resolve(harness);
});

describeDrillHistoryContract('PostgresDrillHistory', () => {
  const schema = pg.freshSchema();
  const dbs = [PostgresDatabase.fromConfig({ url: pg.url, schema })];
  return Promise.resolve({
    sut: new PostgresDrillHistory(dbs[0] as PostgresDatabase),
    reopen: () => {
      const db = PostgresDatabase.fromConfig({ url: pg.url, schema });
      dbs.push(db);
      return new PostgresDrillHistory(db);
    },
    close: async () => { await Promise.all(dbs.map((db) => db.close())); },
  });
});

describe('PostgresJournalStore beyond the contract', () => {
  it('lets exactly one of many concurrent writers append the same seq', async () => {
    const schema = pg.freshSchema();
    const dbs = Array.from({ length: 5 }, () => PostgresDatabase.fromConfig({ url: pg.url, schema }));
    const stores = dbs.map((db) => new PostgresJournalStore(db, { hasher }));
    const head = sealEntries([{ kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'a'.repeat(64), actor: 'ic', runbook: { kind: 'sequence', id: 'root', children: [] } }], { previous: undefined, at: new Date(), hasher });
    await stores[0]?.append({ runId: 'r1', entries: head });

    const results = await Promise.allSettled(stores.map((sut, i) => sut.append({ runId: 'r1', entries: sealEntries([{ kind: 'gate-approved', gate: 'declare', approver: `a${i}` }], { previous: head[0], at: new Date(), hasher }) })));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await stores[1]?.read('r1')).toHaveLength(2);
    await Promise.all(dbs.map((db) => db.close()));
  }, 30_000);

  it('gives one of many concurrent takers the lease, with distinct growing tokens over time', async () => {
    const schema = pg.freshSchema();
    const dbs = Array.from({ length: 4 }, () => PostgresDatabase.fromConfig({ url: pg.url, schema }));

    const results = await Promise.allSettled(dbs.map((db, i) => new PostgresJournalStore(db, { hasher }).acquireLease({ plan: 'shop', holder: `h${i}`, ttl: Duration.seconds(30) })));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await Promise.all(dbs.map((db) => db.close()));
  }, 30_000);

  it('fails with a ProviderError naming postgresql, never the password, when the database is unreachable', async () => {
    const url = new URL(pg.url);
    url.port = '1';
    const sut = PostgresJournalStore.fromConfig({ url: url.toString(), timeoutMs: 1000 });

    const error = await sut.listRuns().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).provider).toBe('postgresql');
    expect((error as Error).message).not.toContain(url.password);
    await sut.close();
  });

  it('migrates once when several replicas open the same empty schema together', async () => {
    const schema = pg.freshSchema();
    const stores = Array.from({ length: 4 }, () => PostgresJournalStore.fromConfig({ url: pg.url, schema }));

    const listed = await Promise.all(stores.map((sut) => sut.listRuns()));
    const [versions] = await Promise.all([stores[0]?.db.query<{ version: number }>('test', 'SELECT version FROM lifeboat_migrations')]);

    expect(listed).toEqual([[], [], [], []]);
    expect(versions?.map((v) => v.version)).toEqual([1]);
    await Promise.all(stores.map((s) => s.close()));
  }, 30_000);
});
