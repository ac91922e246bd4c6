import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../support/run-cli.js';

let dir = '';
const plan = {
  apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'nowhere' },
  spec: {
    pattern: 'active-passive',
    regions: [
      { name: 'region-a', role: 'primary', context: 'a', ingress: { address: '10.0.0.1' } },
      { name: 'region-b', role: 'standby', context: 'b', ingress: { address: '10.0.0.2' } },
    ],
    objectives: { rto: '15m', rpo: '15m' },
    protection: { namespaces: { names: ['production'] }, volumes: 'none' },
    backup: { mode: 'adopt', storageLocations: [{ name: 'default', bucket: 'velero', location: 'elsewhere' }] },
    traffic: { provider: 'none', zone: 'example.com.', record: 'app.example.com.' },
    capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 1 }] },
  },
};

/** Two contexts whose API servers refuse connections (nothing listens on 127.0.0.1:1). */
const kubeconfig = {
  apiVersion: 'v1', kind: 'Config', 'current-context': 'a',
  clusters: ['a', 'b'].map((n) => ({ name: n, cluster: { server: 'https://127.0.0.1:1', 'insecure-skip-tls-verify': true } })),
  users: [{ name: 'u', user: { token: 'planted-token-do-not-print' } }],
  contexts: ['a', 'b'].map((n) => ({ name: n, context: { cluster: n, user: 'u' } })),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lifeboat-status-'));
  await writeFile(join(dir, 'plan.yaml'), stringify(plan));
  await writeFile(join(dir, 'kubeconfig'), stringify(kubeconfig));
  await writeFile(join(dir, 'broken.yaml'), 'apiVersion: lifeboat.dev/v1alpha1\nkind: DRPlan\nmetadata: { name: x }\nspec: {}\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lifeboat status', { timeout: 60_000 }, () => {
  it('exits 3 when clusters cannot be reached, still printing what it could judge', async () => {
    const sut = await runCli(['status', join(dir, 'plan.yaml'), '-o', 'json', '--kubeconfig', join(dir, 'kubeconfig')]);

    const out = JSON.parse(sut.stdout) as { results: Array<{ plan: string; findings: Array<{ id: string }> }>; errors: Array<{ region: string; unreachable: boolean }> };
    expect(sut.code).toBe(3);
    expect(out.results[0]?.plan).toBe('nowhere');
    expect(out.results[0]?.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['primary.unreachable', 'standby.unreachable', 'drill.overdue']));
    expect(out.errors.map((e) => [e.region, e.unreachable]).sort()).toEqual([['region-a', true], ['region-b', true]]);
    expect(sut.stdout + sut.stderr).not.toContain('planted-token-do-not-print');
  });

  it('prints a table worst first without colour when not on a terminal', async () => {
    const sut = await runCli(['status', join(dir, 'plan.yaml'), '--kubeconfig', join(dir, 'kubeconfig')]);

    const lines = sut.stdout.split('\n');
    expect(sut.code).toBe(3);
    expect(lines[0]).toMatch(/^PLAN\s+RPO\s+RTO/);
    expect(sut.stdout).not.toContain('\u001b[');
    const severities = lines.filter((l) => l.startsWith('nowhere ') && / (error|warning|info) /.test(l)).map((l) => /(error|warning|info)/.exec(l)?.[1]);
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a ?? '') - ['error', 'warning', 'info'].indexOf(b ?? '')));
    expect(sut.stdout).toContain('unreadable: nowhere/region-a kubernetes');
  });

  it('exits 2 on a plan that is not valid, naming the field and line', async () => {
    const sut = await runCli(['status', join(dir, 'broken.yaml')]);

    expect(sut.code).toBe(2);
    expect(sut.stderr).toMatch(/spec\.\w+.*broken\.yaml:\d+/);
  });
});

describe('lifeboat plan import', { timeout: 60_000 }, () => {
  it('exits 2 without a context to import from', async () => {
    const sut = await runCli(['plan', 'import']);

    expect(sut.code).toBe(2);
    expect(sut.stderr).toContain('--context');
  });

  it('exits 3 when the cluster cannot be reached', async () => {
    const sut = await runCli(['plan', 'import', '--context', 'a', '--kubeconfig', join(dir, 'kubeconfig')]);

    expect(sut.code).toBe(3);
    expect(sut.stderr).toContain('listing Velero');
  });
});
