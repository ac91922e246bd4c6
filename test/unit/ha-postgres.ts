import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/postgres-test.sh', import.meta.url));

export interface TestPostgres {
  /** postgresql://lifeboat:<password>@127.0.0.1:<port>/lifeboat */
  url: string;
  /** A new schema name: fresh, empty storage for one store (the store creates it). */
  freshSchema(): string;
  stop(): Promise<void>;
}

/** Starts a throwaway PostgreSQL with scripts/postgres-test.sh (as the postgres OS user when root). */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = join(tmpdir(), `lifeboat-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const { stdout } = await run('bash', [SCRIPT, 'start', dir], { timeout: 120_000 });
  const url = stdout.trim().split('\n').at(-1) ?? '';
  let n = 0;
  return {
    url,
    freshSchema: () => `t${process.pid}_${++n}_${randomBytes(3).toString('hex')}`,
    stop: async () => { await run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 }); },
  };
}
