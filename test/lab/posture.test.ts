import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Finding } from '../../src/core/posture/finding.js';
import { Lab } from '../../src/lab/lab.js';
import { labPaths, repoRoot } from '../../src/lab/lab-config.js';
import { eventually, labSecrets, regionClients } from '../support/lab-client.js';
import {
  assessLab, backupFromSchedule, createBucket, createLocation, createSchedule, deleteBucket, finished, getObject, locationPhase,
  newProblems, POSTURE_PLAN_INPUT, putObject, removeBackup, removeLocation, removeSchedule, setScheduleCron, useLabS3Credentials,
} from '../support/posture-lab.js';

const PROTECTED = ['production', 'monitoring', 'ingress-system'];
const BASELINE_CRON = '*/10 * * * *';
const lab = new Lab();
let restoreEnv: () => void = () => undefined;
let baseline: Finding[] = [];

/**
 * Whether a finding is about someone else's object: other lab tests run against the same lab and may
 * leave their own schedules, locations or namespaces there while these run (a canary schedule that
 * stalls while its test has a region down is reported as stuck, rightly). The drifts these tests seed
 * are all `posture-` objects, the plan's namespaces or its `default` location.
 */
function isForeign(f: Finding): boolean {
  const e = f.evidence ?? {};
  const ours = (value: unknown, planOwn: readonly string[]): boolean => typeof value !== 'string' || value.startsWith('posture-') || planOwn.includes(value);
  return !(ours(e.schedule, []) && ours(e.location, ['default']) && ours(e.namespace, PROTECTED));
}

/** The ids of what a drift added on top of the baseline (other tests' objects aside), sorted. */
async function driftIds(): Promise<{ ids: string[]; added: Finding[] }> {
  const { findings } = await assessLab();
  const added = newProblems(baseline, findings).filter((f) => !isForeign(f));
  return { ids: added.map((f) => f.id).sort(), added };
}

describe('lifeboat status against the lab: each seeded drift is reported, and only it', () => {
  beforeAll(async () => {
    restoreEnv = useLabS3Credentials();
    await eventually('both regions reachable', async () => (await assessLab()).errors.length === 0, 300_000, 5000);
    await removeSchedule('posture-baseline');
    await createSchedule('posture-baseline', BASELINE_CRON, { includedNamespaces: PROTECTED, storageLocation: 'default' }, true);
    await backupFromSchedule(`posture-baseline-${Date.now()}`, 'posture-baseline');
    await eventually('a Completed posture-baseline backup', async () => {
      const { findings } = await assessLab();
      return findings.filter((f) => f.id === 'rpo.achieved').length === PROTECTED.length;
    }, 180_000, 3000);
  }, 600_000);

  afterAll(async () => {
    await lab.heal('region-b');
    await removeSchedule('posture-baseline');
    restoreEnv();
  }, 120_000);

  it('starts from a baseline with no error findings and every protected namespace within its RPO', async () => {
    const { findings, errors } = await assessLab();
    baseline = findings;

    expect(errors).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error' && !isForeign(f))).toEqual([]);
    expect(findings.filter((f) => f.id === 'rpo.achieved').map((f) => f.evidence?.namespace).sort()).toEqual([...PROTECTED].sort());
  });

  it('(a) reports a new namespace with a PVC that no schedule covers', async () => {
    const { core } = regionClients('region-a');
    try {
      await core.createNamespace({ body: { metadata: { name: 'posture-new' } } });
      await core.createNamespacedPersistentVolumeClaim({ namespace: 'posture-new', body: { metadata: { name: 'posture-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });

      const { ids, added } = await driftIds();

      expect(ids).toEqual(['coverage.namespace-unprotected', 'coverage.pvc-unprotected']);
      expect(added.find((f) => f.id === 'coverage.namespace-unprotected')).toMatchObject({ severity: 'error', evidence: { namespace: 'posture-new', protectedByPlan: false, pvcs: ['posture-data'] } });
      expect(added.find((f) => f.id === 'coverage.pvc-unprotected')?.evidence).toMatchObject({ namespace: 'posture-new', pvc: 'posture-data', schedulesCoveringNamespace: [] });
    } finally {
      await core.deleteNamespace({ name: 'posture-new' }).catch(() => undefined);
      await eventually('namespace posture-new gone', async () => (await core.listNamespace()).items.every((n) => n.metadata?.name !== 'posture-new'), 120_000);
    }
  });

  it('(b) reports a schedule whose cron cannot meet the RPO (its cron edited to nightly)', async () => {
    try {
      await setScheduleCron('posture-baseline', '0 3 * * *');

      const { ids, added } = await driftIds();

      expect(ids).toEqual(['schedule.rpo-exceeded']);
      expect(added[0]).toMatchObject({ severity: 'error', evidence: { schedule: 'posture-baseline', gap: '1d', target: '15m' } });
    } finally {
      await setScheduleCron('posture-baseline', BASELINE_CRON);
    }
  });

  it('(c) reports a schedule whose newest backup Failed (its bucket vanished under an Available location)', async () => {
    try {
      await createBucket('posture-vanishing');
      await createLocation('posture-vanishing', 'posture-vanishing', { validationFrequency: '1h0m0s' });
      await eventually('posture-vanishing Available', async () => (await locationPhase('posture-vanishing')) === 'Available', 60_000);
      await createSchedule('posture-failing', '*/10 * * * *', { includedNamespaces: ['production'], storageLocation: 'posture-vanishing' }, true);
      await deleteBucket('posture-vanishing');
      await backupFromSchedule('posture-failing-1', 'posture-failing');
      expect(await finished('posture-failing-1')).toBe('Failed');

      const { ids, added } = await driftIds();

      expect(ids).toEqual(['schedule.failing']);
      expect(added[0]).toMatchObject({ severity: 'error', evidence: { schedule: 'posture-failing', backup: 'posture-failing-1', phase: 'Failed', storageLocation: 'posture-vanishing' } });
    } finally {
      await removeSchedule('posture-failing');
      await removeLocation('posture-vanishing');
      await deleteBucket('posture-vanishing');
    }
  });

  it('(d) reports a backup whose resource list in MinIO lacks a protected namespace', async () => {
    const name = `posture-baseline-d${Date.now()}`;
    const key = `backups/${name}/${name}-resource-list.json.gz`;
    let original: Buffer | undefined;
    try {
      await backupFromSchedule(name, 'posture-baseline');
      expect(await finished(name)).toBe('Completed');
      original = await getObject('velero', key);
      const list = JSON.parse(gunzipSync(original).toString('utf8')) as Record<string, string[]>;
      const without = Object.fromEntries(Object.entries(list).map(([kind, items]) => [kind, items.filter((i) => !i.startsWith('production/'))]).filter(([, items]) => (items?.length ?? 0) > 0));
      await putObject('velero', key, gzipSync(JSON.stringify(without)));

      const { ids, added } = await driftIds();

      expect(ids).toEqual(['backup.contents-missing-namespace']);
      expect(added[0]?.evidence).toMatchObject({ namespace: 'production', backup: name, namespacesInBackup: ['ingress-system', 'monitoring'] });
    } finally {
      if (original) await putObject('velero', key, original);
      await removeBackup(name, 'Completed');
    }
  });

  it('(e) reports region-b unreachable, and `lifeboat status` exits 3 with the partial results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posture-'));
    try {
      await writeFile(join(dir, 'plan.yaml'), stringify(POSTURE_PLAN_INPUT));
      await lab.fail('region-b');

      const { ids, added } = await driftIds();
      const cli = await runStatus(join(dir, 'plan.yaml'));

      expect(ids).toEqual(['standby.unreachable']);
      expect(added[0]?.evidence).toMatchObject({ region: 'region-b' });
      expect(cli.code).toBe(3);
      const out = JSON.parse(cli.stdout) as { results: Array<{ findings: Finding[] }>; errors: Array<{ region: string; unreachable: boolean }> };
      expect(out.errors).toEqual([expect.objectContaining({ region: 'region-b', unreachable: true })]);
      expect(out.results[0]?.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['standby.unreachable', 'rpo.achieved']));
      expect(cli.stdout + cli.stderr).not.toContain(labSecrets().pdnsApiKey);
      expect(cli.stdout + cli.stderr).not.toContain(labSecrets().minioPassword);
    } finally {
      await lab.heal('region-b');
      await rm(dir, { recursive: true, force: true });
      await eventually('region-b reachable again', async () => (await assessLab()).errors.length === 0, 120_000, 2000);
    }
  });

  it('(f) reports a storage location that is Unavailable', async () => {
    try {
      await createLocation('posture-unavailable', 'posture-no-such-bucket');
      await eventually('posture-unavailable Unavailable', async () => (await locationPhase('posture-unavailable')) === 'Unavailable', 90_000);

      const { ids, added } = await driftIds();

      expect(ids).toEqual(['storage.location-unavailable']);
      expect(added[0]).toMatchObject({ severity: 'warning', evidence: { region: 'region-a', location: 'posture-unavailable', phase: 'Unavailable', bucket: 'posture-no-such-bucket', usedByPlanOrSchedule: false } });
    } finally {
      await removeLocation('posture-unavailable');
    }
  });

  it('(g) `--serve-metrics` serves the plan\'s achieved RPO, objectives and predicted RTO as Prometheus metrics until SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posture-'));
    await writeFile(join(dir, 'plan.yaml'), stringify(POSTURE_PLAN_INPUT));
    const s = labSecrets();
    const env = { ...process.env, NODE_NO_WARNINGS: '1', LIFEBOAT_PDNS_API_KEY: s.pdnsApiKey, AWS_ACCESS_KEY_ID: s.minioUser, AWS_SECRET_ACCESS_KEY: s.minioPassword, AWS_REGION: 'minio' };
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'lifeboat.js'), 'status', join(dir, 'plan.yaml'), '--serve-metrics', '127.0.0.1:0', '--interval', '5s', '--kubeconfig', labPaths().kubeconfig], { env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await eventually('metrics address', () => Promise.resolve(/serving metrics at (http:\/\/\S+\/metrics)/.exec(stderr)?.[1]), 60_000, 500);

      const text = await (await fetch(url)).text();

      expect(text).toMatch(/^lifeboat_rpo_achieved_seconds\{plan="posture-lab",namespace="production"\} \d+$/m);
      expect(text).toMatch(/^lifeboat_objective_breached\{plan="posture-lab",objective="rpo"\} [01]$/m);
      expect(text).toMatch(/^lifeboat_predicted_rto_seconds\{plan="posture-lab"\} \d+$/m);
      expect(text).toMatch(/^lifeboat_uncovered_namespaces\{plan="posture-lab"\} \d+$/m);
      expect(text).not.toContain(s.pdnsApiKey);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Runs the real CLI (bin/lifeboat.js) the way a user would. */
function runStatus(planFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = labSecrets();
  const env = { ...process.env, NODE_NO_WARNINGS: '1', LIFEBOAT_PDNS_API_KEY: s.pdnsApiKey, AWS_ACCESS_KEY_ID: s.minioUser, AWS_SECRET_ACCESS_KEY: s.minioPassword, AWS_REGION: 'minio' };
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'bin', 'lifeboat.js'), 'status', planFile, '-o', 'json', '--kubeconfig', labPaths().kubeconfig], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
