/**
 * Posture benchmark: 10,000 Velero Backup objects across the two lab regions (API objects with
 * realistic Completed status, no data in MinIO), then Lifeboat's catalog read + RPO evaluation vs
 * `velero backup get -o json` on the same data: median wall time of 5 interleaved runs each and peak
 * RSS (GNU time's maximum resident set size) of each, written to bench/results/posture.json.
 *
 * Velero leaves the objects alone: their expiration is far in the future (GC deletes only expired
 * backups) and they carry no velero.io/storage-location label (the sync controller deletes only
 * labelled Completed backups missing from the bucket). They are labelled posture-bench=true and
 * deleted at the end, even on failure.
 *
 * Usage: npx tsx bench/posture.ts [COUNT]   (lab up first: a Lab().up())
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { boundedMap } from '../src/core/posture/bounded-map.js';
import { kubeConfigFor } from '../src/lab/kube-apply.js';
import { binaries, labPaths, repoRoot } from '../src/lab/lab-config.js';

const run = promisify(execFile);
const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 5;
const kubeconfig = labPaths().kubeconfig;
const velero = binaries().velero ?? 'velero';
const REGIONS = ['lab-region-a', 'lab-region-b'] as const;
const group = { group: 'velero.io', version: 'v1', namespace: 'velero', plural: 'backups' };
const NAMESPACES = [['production'], ['monitoring'], ['ingress-system'], ['production', 'monitoring', 'ingress-system']];

function backupBody(i: number, region: number): Record<string, unknown> {
  const started = new Date(Date.now() - (i + 1) * 60_000 - region * 7_000);
  const schedule = `posture-bench-${i % 10}`;
  return {
    apiVersion: 'velero.io/v1', kind: 'Backup',
    metadata: { name: `${schedule}-${region}-${String(i).padStart(5, '0')}`, namespace: 'velero', labels: { 'posture-bench': 'true', 'velero.io/schedule-name': schedule } },
    spec: { includedNamespaces: NAMESPACES[i % NAMESPACES.length], storageLocation: 'default', ttl: '87600h0m0s', defaultVolumesToFsBackup: false, snapshotVolumes: false },
    status: {
      phase: i % 97 === 0 ? 'PartiallyFailed' : 'Completed', version: 1, formatVersion: '1.1.0',
      startTimestamp: started.toISOString(), completionTimestamp: new Date(started.getTime() + 42_000).toISOString(),
      expiration: new Date(Date.now() + 10 * 365 * 86_400_000).toISOString(),
      progress: { totalItems: 43, itemsBackedUp: 43 }, ...(i % 97 === 0 ? { errors: 2, warnings: 1 } : {}),
    },
  };
}

async function seed(): Promise<void> {
  const perRegion = Math.ceil(COUNT / REGIONS.length);
  await Promise.all(REGIONS.map(async (context, r) => {
    const api = kubeConfigFor(kubeconfig, context).makeApiClient(CustomObjectsApi);
    const indexes = Array.from({ length: perRegion }, (_, i) => i);
    await boundedMap(indexes, 24, (i) => api.createNamespacedCustomObject({ ...group, body: backupBody(i, r) }));
  }));
}

async function cleanup(): Promise<void> {
  await Promise.all(REGIONS.map((context) => kubeConfigFor(kubeconfig, context).makeApiClient(CustomObjectsApi)
    .deleteCollectionNamespacedCustomObject({ ...group, labelSelector: 'posture-bench=true' })));
}

/** Wall seconds and peak RSS (MiB) of a command, from GNU time. */
async function measure(cmd: string, args: string[]): Promise<{ seconds: number; peakRssMiB: number }> {
  const started = process.hrtime.bigint();
  const { stderr } = await run('/usr/bin/time', ['-f', 'POSTURE_BENCH %M', cmd, ...args], { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kib = Number(/POSTURE_BENCH (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  return { seconds, peakRssMiB: Math.round((kib / 1024) * 10) / 10 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const child = join(repoRoot, 'dist', 'bench', 'posture-child.mjs');
  await run(join(repoRoot, 'node_modules', '.bin', 'esbuild'), [join(repoRoot, 'bench', 'posture-child.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${child}`]);
  const seedStart = Date.now();
  await seed();
  const seedSeconds = (Date.now() - seedStart) / 1000;
  try {
    const lifeboat: Array<{ seconds: number; peakRssMiB: number }> = [];
    const veleroRuns: Array<{ seconds: number; peakRssMiB: number }> = [];
    const veleroScript = REGIONS.map((c) => `'${velero}' backup get -o json --kubeconfig '${kubeconfig}' --kubecontext ${c} > /dev/null`).join(' && ');
    for (let i = 0; i < RUNS; i++) {
      lifeboat.push(await measure(process.execPath, [child, kubeconfig]));
      veleroRuns.push(await measure('/bin/sh', ['-c', veleroScript]));
    }
    const { stdout } = await run(process.execPath, [child, kubeconfig], { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    const summary = (side: typeof lifeboat): Record<string, unknown> => ({ medianSeconds: median(side.map((r) => r.seconds)), peakRssMiB: Math.max(...side.map((r) => r.peakRssMiB)), runs: side });
    const result = {
      benchmark: 'posture catalog read + RPO evaluation vs velero backup get -o json',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      backups: COUNT, regions: REGIONS, seedSeconds,
      lifeboat: { what: 'node (esbuild bundle of bench/posture-child.ts): VeleroBackupCatalog.snapshot() of both regions + region-a inventory + checkRpo', ...summary(lifeboat), output: JSON.parse(stdout) as unknown },
      velero: { what: 'velero backup get -o json, once per region context (sequential, one shell)', ...summary(veleroRuns) },
      ratio: {
        wallTimeLifeboatOverVelero: median(lifeboat.map((r) => r.seconds)) / median(veleroRuns.map((r) => r.seconds)),
        peakRssLifeboatOverVelero: Math.max(...lifeboat.map((r) => r.peakRssMiB)) / Math.max(...veleroRuns.map((r) => r.peakRssMiB)),
      },
      notes: 'GNU time -f %M reports the maximum resident set size of the measured process (for the shell, of its largest child). Runs are interleaved Lifeboat, velero, 5 times each.',
    };
    mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench', 'results', 'posture.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result.ratio)}\n`);
  } finally {
    await cleanup();
  }
}

await main();
