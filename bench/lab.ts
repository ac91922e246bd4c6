/**
 * Lab benchmark: cold build time per component (recorded by lab/build.sh when it built them), warm
 * `lab up` time (down, then up again on a built cache and existing data), and peak memory of the lab's
 * processes (each process's VmHWM, summed, plus the largest single process).
 *
 * Usage: npx tsx bench/lab.ts   → writes bench/results/lab.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Lab } from '../src/lab/lab.js';
import { labPaths, readVersions, repoRoot } from '../src/lab/lab-config.js';

const paths = labPaths();
const versions = readVersions();
const components: Array<[string, string]> = [
  ['etcd', versions.ETCD_VERSION], ['kube', versions.KUBE_VERSION], ['kwok', versions.KWOK_VERSION],
  ['velero', versions.VELERO_VERSION], ['minio', versions.MINIO_VERSION],
];

/**
 * Cold build seconds as lab/build.sh recorded them. LIFEBOAT_COLD_CACHE points at a cache that was
 * built from nothing (empty GOMODCACHE and GOCACHE too), e.g. `LIFEBOAT_CACHE=/tmp/cold
 * GOMODCACHE=/tmp/cold/gomod GOCACHE=/tmp/cold/gocache bash lab/build.sh`.
 */
function coldBuild(): { cache: string; perComponent: Record<string, number | null>; totalSeconds: number | null } {
  const cache = process.env.LIFEBOAT_COLD_CACHE ? join(process.env.LIFEBOAT_COLD_CACHE, 'lab') : paths.cache;
  const perComponent: Record<string, number | null> = {};
  for (const [c, v] of components) {
    const f = join(cache, `${c}-${v}`, 'build.json');
    perComponent[c] = existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { seconds: number }).seconds : null;
  }
  const values = Object.values(perComponent);
  return { cache, perComponent, totalSeconds: values.every((x) => x !== null) ? values.reduce((a, b) => (a ?? 0) + (b ?? 0), 0) : null };
}

function peakMemory(lab: Lab): { sumOfPeaksMiB: number; largest: { name: string; MiB: number } } {
  let sum = 0;
  let largest = { name: '', MiB: 0 };
  for (const name of lab.supervisor.known()) {
    const pid = lab.supervisor.pid(name);
    if (!pid) continue;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const mib = Math.round(kb / 1024);
    sum += mib;
    if (mib > largest.MiB) largest = { name, MiB: mib };
  }
  return { sumOfPeaksMiB: sum, largest };
}

const lab = new Lab((m) => process.stderr.write(`${m}\n`));
await lab.build();
await lab.down();
const t0 = performance.now();
const status = await lab.up();
const warmUpSeconds = (performance.now() - t0) / 1000;
// Let the lab settle (Velero syncs, controllers resync) before reading peaks.
await new Promise((r) => setTimeout(r, 15_000));
const result = {
  benchmark: 'lab',
  measuredAt: new Date().toISOString(),
  machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  versions,
  coldBuildSeconds: coldBuild(),
  // What else the machine was doing while the cold build ran (it is 2 cores, shared): say it, since it dominates.
  coldBuildConditions: process.env.LIFEBOAT_BENCH_NOTE ?? null,
  warmLabUpSeconds: Math.round(warmUpSeconds * 10) / 10,
  healthyAfterUp: status.healthy,
  peakMemory: peakMemory(lab),
};
writeFileSync(join(repoRoot, 'bench', 'results', 'lab.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
