import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../support/run-cli.js';

let dir = '';

/** Two contexts whose API servers refuse connections (nothing listens on 127.0.0.1:1). */
const kubeconfig = {
  apiVersion: 'v1', kind: 'Config', 'current-context': 'prod-eu-west-1',
  clusters: ['prod-eu-west-1', 'dr-eu-central-1'].map((n) => ({ name: n, cluster: { server: 'https://127.0.0.1:1', 'insecure-skip-tls-verify': true } })),
  users: [{ name: 'u', user: { token: 'planted-token-do-not-print' } }],
  contexts: ['prod-eu-west-1', 'dr-eu-central-1'].map((n) => ({ name: n, context: { cluster: n, user: 'u' } })),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lifeboat-dry-run-'));
  await writeFile(join(dir, 'kubeconfig'), stringify(kubeconfig));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lifeboat failover --dry-run', { timeout: 60_000 }, () => {
  it('walks the runbook: each step with its budget and the commands it stands for, changing nothing', async () => {
    const sut = await runCli(['failover', 'examples/active-passive.yaml', '--dry-run', '--offline'], { env: { LIFEBOAT_STATE_DIR: join(dir, 'state-offline') } });

    expect(sut.code).toBe(0);
    expect(sut.stdout).toMatch(/^step {2}confirm-outage +2m {2}Confirm region-a is down/m);
    expect(sut.stdout).toMatch(/^gate {2}declare +5m/m);
    expect(sut.stdout).toContain('would run: kubectl --context prod-eu-west-1 -n production scale deployment --all --replicas=0');
    expect(sut.stdout).toMatch(/restore-production .*\(in parallel with restore-monitoring, restore-ingress-system\)/);
    expect(sut.stdout).not.toContain('touches:');
  });

  it('reads the live clusters for what each step would touch, and says so when a region cannot be read', async () => {
    const sut = await runCli(['--kubeconfig', join(dir, 'kubeconfig'), 'failover', 'examples/active-passive.yaml', '--dry-run'], { env: { LIFEBOAT_STATE_DIR: join(dir, 'state') } });

    expect(sut.code).toBe(0);
    expect(sut.stdout).toMatch(/touches: +region-a \(prod-eu-west-1\): unreachable/);
    expect(sut.stdout + sut.stderr).not.toContain('planted-token-do-not-print');
  });
});
