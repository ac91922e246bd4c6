import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseServerConfig } from '../../src/server/config/server-config.js';
import { silentLogger } from '../../src/server/logger.js';
import { AlwaysLeader } from '../../src/server/scheduler/leader.js';
import { PostgresLeader } from '../../src/server/scheduler/postgres-leader.js';
import { buildHaServer, haEnv } from '../../src/wiring/ha-server.js';
import { EXAMPLES_DIR } from '../support/example-plans.js';

const head = ['apiVersion: lifeboat.dev/v1alpha1', 'kind: ServerConfig', 'spec:', `  plans: [${EXAMPLES_DIR}]`];
const config = (...lines: string[]): string => [...head, ...lines, ''].join('\n');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('spec.store: PostgreSQL for several replicas', () => {
  it('defaults the URL to $LIFEBOAT_DATABASE_URL, the schema to lifeboat and the leader ttl to 15s', () => {
    const sut = parseServerConfig(config('  store: { postgres: {} }'), 'serve.yaml');

    expect(sut.spec.store?.postgres.url).toBe('env:LIFEBOAT_DATABASE_URL');
    expect(sut.spec.store?.postgres.schema).toBe('lifeboat');
    expect(sut.spec.store?.postgres.leaderTtl.toString()).toBe('15s');
  });

  it.each([
    ['a URL written in the file (it carries a password)', 'url: "postgresql://u:p@db/lifeboat"', 'spec.store.postgres.url'],
    ['a schema that is not a plain SQL name', 'schema: "Life; DROP"', 'spec.store.postgres.schema'],
    ['a leader ttl under a second', 'leaderTtl: 100ms', 'spec.store.postgres.leaderTtl'],
  ])('refuses %s, naming the field and its line', (_case, field, path) => {
    const parse = (): unknown => parseServerConfig(config(`  store: { postgres: { ${field} } }`), 'serve.yaml');

    expect(parse).toThrow(InputError);
    expect(parse).toThrow(new RegExp(`${path.replace(/\./g, '\\.')}: .*\\(serve\\.yaml:5:\\d+\\)`));
  });

  it('resolves the URL reference into the environment the stores open with, and names the reference, not a value, when it is unset', () => {
    const sut = parseServerConfig(config('  store: { postgres: { url: "env:DB_URL", schema: ops } }'), 'serve.yaml');

    const env = haEnv(sut, { DB_URL: 'postgresql://lifeboat:s3cret@db:5432/lifeboat' });
    const unset = (): unknown => haEnv(sut, {});

    expect(env).toMatchObject({ LIFEBOAT_DATABASE_URL: 'postgresql://lifeboat:s3cret@db:5432/lifeboat', LIFEBOAT_DATABASE_SCHEMA: 'ops' });
    expect(unset).toThrow(/spec\.store\.postgres\.url: environment variable DB_URL \(from env:DB_URL\) is not set/);
  });

  it('builds the single-replica server (SQLite, always the leader) without a store or $LIFEBOAT_DATABASE_URL, a PostgresLeader with one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-ha-config-'));
    dirs.push(dir);
    const file = join(dir, 'serve.yaml');
    writeFileSync(file, config('  stateDir: state'));
    const env = { LIFEBOAT_TOKENS: '{"tokens":[]}' };
    const parts = { logger: silentLogger };

    const single = buildHaServer(parseServerConfig(config('  stateDir: state'), file), { configFile: file, env, parts });
    // The URL points nowhere: building opens nothing yet (the pool connects on first use).
    const replicated = buildHaServer(parseServerConfig(config('  stateDir: state2'), file), { configFile: file, env: { ...env, LIFEBOAT_DATABASE_URL: 'postgresql://lifeboat:x@127.0.0.1:1/lifeboat' }, parts });

    expect(single.deps.leader).toBeInstanceOf(AlwaysLeader);
    expect(replicated.deps.leader).toBeInstanceOf(PostgresLeader);
    expect(replicated.deps.leader.isLeader()).toBe(false);
    await single.close();
    await replicated.close();
  }, 20_000);
});
