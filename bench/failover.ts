/**
 * Failover benchmark, in one run on the same lab and the same backup: the seed's runbook as a plain
 * script (bench/seed-runbook.sh: kubectl, velero, curl) vs `lifeboat failover` (the engine, journaled),
 * interleaved, N samples each. Reports the RTO ratio (outage confirmed -> traffic verified) and
 * Lifeboat's orchestration overhead: run time not spent waiting on Velero restores, pods or traffic.
 *
 * Usage: npx tsx bench/failover.ts [samples=3]   -> bench/results/failover.json
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lab } from '../src/lab/lab.js';
import { binaries, repoRoot } from '../src/lab/lab-config.js';
import { clearStandby, freshBackup, labPlanContext, restoreLabBaseline } from '../src/lab/lab-drill.js';
import { openJournal } from '../src/wiring/journal.js';
import { runFailover } from '../src/wiring/run-failover.js';

const PLAN = join(repoRoot, 'test', 'fixtures', 'plans', 'lab-crash.yaml');
const samples = Number(process.argv[2] ?? 3);
const lab = new Lab((m) => process.stderr.write(`${m}\n`));
const ctx = labPlanContext(PLAN);
const watchSeconds = Math.max(5, Math.round(ctx.plan.spec.budgets.watch.toSeconds() / 2));
const journal = openJournal({ ...process.env, LIFEBOAT_STATE_DIR: mkdtempSync(join(tmpdir(), 'lifeboat-bench-')) });

function seedScript(): { rtoMs: number; totalMs: number; waitMs: number } {
  const bin = binaries();
  const out = execFileSync('bash', [join(repoRoot, 'bench', 'seed-runbook.sh')], {
    env: { ...ctx.connect.env, KUBECONFIG: ctx.connect.kubeconfig, KUBECTL: bin.kubectl, VELERO: bin.velero, WATCH_SECONDS: String(watchSeconds) },
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rtoMs: number; totalMs: number; restoreMs: number; workloadsMs: number; watchMs: number };
  return { rtoMs: r.rtoMs, totalMs: r.totalMs, waitMs: r.restoreMs + r.workloadsMs + r.watchMs };
}

async function lifeboat(): Promise<{ rtoMs: number; totalMs: number; waitMs: number; overheadMs: number }> {
  const started = Date.now();
  const report = await runFailover({ plan: ctx.plan, planText: ctx.planText, namespaces: ctx.plan.spec.protection.namespaces.names, ...ctx.connect, approve: true, journal });
  if (report.result.outcome !== 'succeeded') throw new Error(`lifeboat failover ${report.result.outcome}`);
  const phase = (p: string): number => report.outcome.measurement.phases.find((x) => x.phase === p)?.elapsed?.toMilliseconds() ?? 0;
  // Waiting on the outside world: restores (Velero), workloads and traffic (pods, DNS), the watch window.
  const waitMs = phase('restore') + phase('verify') + phase('watch');
  const totalMs = report.outcome.measurement.total.toMilliseconds();
  const rtoMs = (report.outcome.recoveredAt?.getTime() ?? Date.now()) - started;
  return { rtoMs, totalMs, waitMs, overheadMs: Math.max(0, totalMs - waitMs) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

await lab.up();
await restoreLabBaseline(PLAN);
await freshBackup(PLAN);
await lab.fail('region-a');
const seed: Array<ReturnType<typeof seedScript>> = [];
const ours: Array<Awaited<ReturnType<typeof lifeboat>>> = [];
try {
  for (let i = 0; i < samples; i++) {
    await clearStandby(PLAN);
    seed.push(seedScript());
    await clearStandby(PLAN);
    ours.push(await lifeboat());
    process.stderr.write(`sample ${i + 1}: seed RTO ${seed.at(-1)?.rtoMs}ms, lifeboat RTO ${ours.at(-1)?.rtoMs}ms\n`);
  }
} finally {
  await restoreLabBaseline(PLAN);
}
const result = {
  benchmark: 'failover',
  measuredAt: new Date().toISOString(),
  samples,
  watchWindowSeconds: watchSeconds,
  note: 'RTO here runs from the start of each procedure (outage already injected) to traffic verified through region-b; both restore the same backup into an emptied standby.',
  seedScript: { medianRtoMs: median(seed.map((s) => s.rtoMs)), medianTotalMs: median(seed.map((s) => s.totalMs)), runs: seed },
  lifeboat: { medianRtoMs: median(ours.map((s) => s.rtoMs)), medianTotalMs: median(ours.map((s) => s.totalMs)), medianOverheadMs: median(ours.map((s) => s.overheadMs)), runs: ours },
  rtoRatioLifeboatOverSeed: Math.round((median(ours.map((s) => s.rtoMs)) / median(seed.map((s) => s.rtoMs))) * 100) / 100,
};
writeFileSync(join(repoRoot, 'bench', 'results', 'failover.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
