/**
 * Server benchmark: `lifeboat serve` with 100 plans loaded, as its own process (the built-in CLI
 * from the sources), then N concurrent autocannon clients on loopback hitting GET /v1/plans and
 * GET /v1/runs/{id} (a finished failover run of ~40 journal entries) with a viewer token:
 * requests/s, latency p50/p99, errors, and the server's RSS (idle with 100 plans, and its peak
 * under load, from /proc). Written to bench/results/server.json with the conditions: the machine
 * has 2 cores shared with other work, and the load generator runs on the same cores as the server.
 *
 * No cluster is involved: the scheduler is off (posture is not evaluated) and the run is journaled
 * beforehand with the real failover runbook driven by a scripted executor.
 *
 * Usage: npx tsx bench/server.ts [CONNECTIONS...]   (default: 10 50; 10 s per route and level)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parsePlan } from '../src/core/plan/parse-plan.js';
import { Duration } from '../src/core/objectives/duration.js';
import { failoverRunbook } from '../src/core/runbook/failover/failover-runbook.js';
import { RunControl } from '../src/core/runbook/run-control.js';
import { RunbookRunner } from '../src/core/runbook/runner.js';
import { newToken } from '../src/server/auth/token-registry.js';
import { ScriptedStepExecutor } from '../src/testing/scripted-step-executor.js';
import { openJournal } from '../src/wiring/journal.js';

const root = join(import.meta.dirname, '..');
const CONNECTIONS = process.argv.slice(2).map(Number).filter((n) => n > 0);
const LEVELS = CONNECTIONS.length > 0 ? CONNECTIONS : [10, 50];
const SECONDS = 10;
const PLANS = 100;

/** 100 plans: the active-passive example under 100 names. */
function writePlans(dir: string): string {
  const plans = join(dir, 'plans');
  mkdirSync(plans);
  const example = readFileSync(join(root, 'examples', 'active-passive.yaml'), 'utf8');
  for (let i = 0; i < PLANS; i++) writeFileSync(join(plans, `plan-${i}.yaml`), example.replace(/name: platform\n/, `name: plan-${String(i).padStart(3, '0')}\n`));
  return plans;
}

/** A finished failover of plan-000 in the state directory, as the server would have journaled it. */
async function journalRun(stateDir: string, plansDir: string): Promise<string> {
  const text = readFileSync(join(plansDir, 'plan-0.yaml'), 'utf8');
  const plan = parsePlan(text, 'plan-0.yaml');
  const journal = openJournal({ ...process.env, LIFEBOAT_STATE_DIR: stateDir });
  const runId = 'failover-plan-000-bench';
  const at = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
  const script = {
    'confirm-outage': [{ ok: { confirmedAt: at(5) } }],
    'verify-traffic': [{ ok: { verifiedAt: at(1) } }],
    ...Object.fromEntries(plan.spec.protection.namespaces.names.map((ns) => [`restore-${ns}`, [{ ok: { namespace: ns, backup: `${ns}-1`, backupStartedAt: at(30) } }]])),
  };
  const runner = new RunbookRunner({ store: journal.store, executor: new ScriptedStepExecutor(journal.clock, script), clock: journal.clock, hasher: journal.hasher, holder: 'bench', pollInterval: Duration.milliseconds(20) });
  const done = runner.start({ runId, plan: plan.metadata.name, planHash: journal.hasher.sha256Hex(text), runbook: failoverRunbook(plan, plan.spec.protection.namespaces.names), actor: 'api:bench' });
  const control = new RunControl({ store: journal.store, hasher: journal.hasher, clock: journal.clock, holder: 'bench-control' });
  for (;;) {
    const entries = await journal.store.read(runId).catch(() => []);
    if (entries.some((e) => e.kind === 'gate-waiting')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await control.approve({ runId, approver: 'api:bench-approver' });
  await done;
  return runId;
}

/** The server's resident and peak resident memory (MiB) from /proc. */
function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakRssMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}

async function startServer(dir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  writeFileSync(join(dir, 'serve.yaml'), 'apiVersion: lifeboat.dev/v1alpha1\nkind: ServerConfig\nspec:\n  listen: 127.0.0.1:0\n  plans: plans\n  tokensFile: tokens.json\n  stateDir: state\n  scheduler: { enabled: false }\n  authFailuresPerMinute: 1000\n');
  const child = spawn(process.execPath, [join(root, 'bin', 'lifeboat.js'), 'serve', '--config', join(dir, 'serve.yaml')], { env: { ...process.env, LIFEBOAT_FROM_SOURCE: '1', KUBECONFIG: join(dir, 'none') }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /lifeboat serve: (http:\/\/\S+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { url, pid: child.pid as number, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

async function load(url: string, token: string, connections: number): Promise<Record<string, number>> {
  const r = await autocannon({ url, connections, duration: SECONDS, headers: { authorization: `Bearer ${token}` } });
  return {
    connections, seconds: SECONDS, requestsPerSecond: Math.round(r.requests.average), totalRequests: r.requests.total,
    latencyP50Ms: r.latency.p50, latencyP99Ms: r.latency.p99, latencyMaxMs: r.latency.max,
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, throughputMiBPerSecond: Math.round((r.throughput.average / 1_048_576) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-server-'));
  const plansDir = writePlans(dir);
  const { token, stored } = newToken('bench', 'viewer');
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ tokens: [stored] }));
  const runId = await journalRun(join(dir, 'state'), plansDir);
  const loadBefore = loadavg();
  const server = await startServer(dir);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = memoryOf(server.pid);
    const routes: Record<string, unknown[]> = { 'GET /v1/plans': [], 'GET /v1/runs/{run}': [] };
    for (const connections of LEVELS) {
      routes['GET /v1/plans']?.push(await load(`${server.url}/v1/plans`, token, connections));
      routes['GET /v1/runs/{run}']?.push(await load(`${server.url}/v1/runs/${runId}`, token, connections));
    }
    const result = {
      benchmark: 'lifeboat serve: concurrent clients on loopback, 100 plans loaded',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim(), memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      conditions: [
        '2 cores shared with other engineers\' builds and tests (load average before the run below)',
        'autocannon runs in the benchmark process on the same 2 cores as the server: the figures are a floor, not the server alone',
        'server started from the TypeScript sources through tsx (bin/lifeboat.js with LIFEBOAT_FROM_SOURCE=1), scheduler off, SQLite journal in a temp dir',
        `each route and level for ${SECONDS}s, one after the other; viewer token on every request`,
      ],
      loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
      plans: PLANS,
      run: { runId, entries: JSON.parse(await (await fetch(`${server.url}/v1/runs/${runId}`, { headers: { authorization: `Bearer ${token}` } })).text()).entries.length as number },
      serverMemory: { idleWith100PlansMiB: idle.rssMiB, ...memoryOf(server.pid) },
      routes,
    };
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'server.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

await main();
