import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from '../../src/core/objectives/duration.js';
import type { DRPlan } from '../../src/core/plan/schema.js';
import type { PostureSources } from '../../src/core/posture/gather-posture.js';
import { failbackRunbook } from '../../src/core/runbook/failover/failback-runbook.js';
import { failoverRunbook } from '../../src/core/runbook/failover/failover-runbook.js';
import { RunControl } from '../../src/core/runbook/run-control.js';
import { RunbookRunner } from '../../src/core/runbook/runner.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import { ROLES, type Role } from '../../src/server/auth/roles.js';
import { newToken } from '../../src/server/auth/token-registry.js';
import { parseServerConfig } from '../../src/server/config/server-config.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { silentLogger } from '../../src/server/logger.js';
import type { RunbookStarter, DrillRunners } from '../../src/server/runs/starters.js';
import { FakeBackupCatalog } from '../../src/testing/fake-backup-catalog.js';
import { FakeKubernetesInventory } from '../../src/testing/fake-kubernetes-inventory.js';
import { aPrimaryCatalog, aPrimaryInventory, aStandbyInventory } from '../../src/testing/posture-fixtures.js';
import { rb } from '../../src/testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../../src/testing/scripted-step-executor.js';
import { buildServer, type LifeboatServer, type ServerParts } from '../../src/wiring/server.js';
import type { JournalWiring } from '../../src/wiring/journal.js';
import { EXAMPLES_DIR } from '../support/example-plans.js';

/** Secret values behind the example plans' env: references, planted in the environment: no response may carry them. */
export const PLANTED = {
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0PLANT/B0PLANT/plantedSlackSecret9f2',
  PAGERDUTY_ROUTING_KEY: 'pd-planted-routing-key-4b7e1c',
  CLOUDFLARE_API_TOKEN: 'cf-planted-api-token-8d1f2a9c',
  LIFEBOAT_PDNS_API_KEY: 'pdns-planted-key-77aa31',
} as const;

export type Caller = Role | 'none' | 'bad';
export const CALLERS: readonly Caller[] = ['none', 'bad', ...ROLES];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response fields directly and assert them
  json: any;
}

export interface TestServer {
  url: string;
  server: LifeboatServer;
  tokens: Record<Role | 'approver2' | 'starter', string>;
  /** Step outcomes the scripted executor follows, by step id (e.g. make `switch-traffic` fail with a secret in its error). */
  script: Record<string, ScriptedOutcome[]>;
  call(method: string, path: string, o?: { as?: Caller | 'approver2' | 'starter'; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** Aborts every unfinished run of the plan and waits until each has ended, so a new run may start. */
  settle(plan: string): Promise<void>;
  /** Starts a failover of the plan as `api:starter` and waits until its declare gate waits. */
  waitingRun(plan: string): Promise<string>;
  waitFor(runId: string, kind: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A failover or failback of the real runbooks, driven in process by the engine with a scripted executor. */
function scriptedStarter(journal: JournalWiring, script: Record<string, ScriptedOutcome[]>): RunbookStarter {
  let n = 0;
  return (start) => {
    const { plan, text } = start.plan;
    const runId = `${start.kind}-${plan.metadata.name}-t${++n}-${Date.now().toString(36)}`;
    const namespaces = plan.spec.protection.namespaces.names;
    const runbook = start.kind === 'failback' ? failbackRunbook(plan, namespaces) : failoverRunbook(plan, namespaces);
    const clock = SystemClock.fromConfig();
    const runner = new RunbookRunner({ store: journal.store, executor: new ScriptedStepExecutor(clock, script), clock, hasher: journal.hasher, holder: journal.holder, pollInterval: Duration.milliseconds(40), leaseTtl: Duration.seconds(10) });
    return { runId, drive: (signal) => runner.start({ runId, plan: plan.metadata.name, planHash: journal.hasher.sha256Hex(text), runbook, actor: start.actor, signal }) };
  };
}

/** A component drill: a one-step runbook journaled under `<plan>.drill`, as the real restore drill is. */
function scriptedDrills(journal: JournalWiring): DrillRunners {
  let n = 0;
  return {
    component: (start) => {
      const runId = `component-${start.plan.plan.metadata.name}-t${++n}-${Date.now().toString(36)}`;
      const clock = SystemClock.fromConfig();
      const runner = new RunbookRunner({ store: journal.store, executor: new ScriptedStepExecutor(clock), clock, hasher: journal.hasher, holder: journal.holder, pollInterval: Duration.milliseconds(40) });
      return { runId, drive: (signal) => runner.start({ runId, plan: `${start.plan.plan.metadata.name}.drill`, planHash: 'test', runbook: rb.seq('component', rb.step('restore'), rb.step('smoke-checks')), actor: start.actor, signal }) };
    },
  };
}

/** What the real failover steps output, so the measured outcome (RTO, RPO) can be computed from the journal. */
function realisticOutputs(plans: readonly DRPlan[]): Record<string, ScriptedOutcome[]> {
  // One instant for every timestamp: two Date.now() calls a millisecond apart made the RPO 1199.999 s.
  const now = Date.now();
  const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();
  const namespaces = [...new Set(plans.flatMap((p) => p.spec.protection.namespaces.names))];
  return {
    'confirm-outage': [{ ok: { confirmedAt: at(0) } }],
    'verify-traffic': [{ ok: { verifiedAt: at(-1) } }],
    ...Object.fromEntries(namespaces.map((ns) => [`restore-${ns}`, [{ ok: { namespace: ns, backup: `${ns}-hourly-1`, backupStartedAt: at(20) } }]])),
  };
}

/** Posture from in-memory clusters; the DNS provider fails with a message carrying a planted secret. */
function fakePosture(plan: DRPlan): PostureSources {
  const primary = plan.spec.regions[0]?.name;
  return {
    inventory: (region) => new FakeKubernetesInventory(region.name === primary ? aPrimaryInventory() : aStandbyInventory()),
    catalog: () => new FakeBackupCatalog(aPrimaryCatalog()),
    objectStore: () => undefined,
    traffic: () => { throw new Error(`DNS API refused key ${PLANTED.CLOUDFLARE_API_TOKEN} at ${PLANTED.SLACK_WEBHOOK_URL}`); },
    drills: { drills: () => Promise.resolve([]) },
    now: () => new Date(),
  };
}

/**
 * Starts `lifeboat serve` on 127.0.0.1 port 0 with a temporary state directory, the example plans, one
 * token per role (plus a second approver and a starter), fakes only for what touches clusters.
 */
export async function startTestServer(o: { authFailuresPerMinute?: number; parts?: Partial<ServerParts>; plans?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-server-'));
  const issued = [...ROLES.map((role) => [role, role] as const), ['approver2', 'approver'] as const, ['starter', 'operator'] as const].map(([name, role]) => ({ name, ...newToken(name, role) }));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ tokens: issued.map((t) => t.stored) }));
  const configFile = join(dir, 'serve.yaml');
  writeFileSync(configFile, [
    'apiVersion: lifeboat.dev/v1alpha1', 'kind: ServerConfig', 'spec:', '  listen: 127.0.0.1:0', `  plans: [${o.plans ?? EXAMPLES_DIR}]`,
    '  tokensFile: tokens.json', '  stateDir: state', '  scheduler: { enabled: false }', `  authFailuresPerMinute: ${o.authFailuresPerMinute ?? 1000}`, '',
  ].join('\n'));
  const env = { ...process.env, ...PLANTED, KUBECONFIG: join(dir, 'no-kubeconfig') };
  const script: Record<string, ScriptedOutcome[]> = {};
  const late: { starter?: RunbookStarter; drills?: DrillRunners; journal?: JournalWiring } = {};
  const server = buildServer(parseServerConfig(readFileSync(configFile, 'utf8'), configFile), {
    configFile, env,
    parts: {
      logger: silentLogger, postureSources: fakePosture, pager: () => Promise.resolve(),
      starter: (start) => (late.starter ??= scriptedStarter(late.journal as JournalWiring, script))(start),
      drillRunners: { component: (start) => ((late.drills ??= scriptedDrills(late.journal as JournalWiring)).component as NonNullable<DrillRunners['component']>)(start) },
      ...o.parts,
    },
  });
  late.journal = server.journal;
  Object.assign(script, realisticOutputs(server.deps.plans.list().map((p) => p.plan)));
  const http: Listening = await listen(server.app.app.fetch, { host: '127.0.0.1', port: 0 });
  const tokens = Object.fromEntries(issued.map((t) => [t.name, t.token])) as TestServer['tokens'];
  const control = new RunControl({ store: server.journal.store, hasher: server.journal.hasher, clock: server.journal.clock, holder: 'test-harness' });
  const call: TestServer['call'] = async (method, path, c = {}) => {
    const headers: Record<string, string> = { ...(c.headers ?? {}) };
    if (c.as === 'bad') headers.authorization = 'Bearer lbt_not-a-real-token';
    else if (c.as && c.as !== 'none') headers.authorization = `Bearer ${tokens[c.as]}`;
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${http.url}${path}`, { method, headers, ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}) });
    const text = await res.text();
    let json: Answer['json'];
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  };
  const waitFor: TestServer['waitFor'] = async (runId, kind, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const entries = await server.journal.store.read(runId).catch(() => []);
      if (entries.some((e) => e.kind === kind)) return;
      if (Date.now() > deadline) throw new Error(`run ${runId}: no ${kind} within ${timeoutMs}ms (last: ${entries.at(-1)?.kind})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const settle: TestServer['settle'] = async (plan) => {
    for (const run of (await server.journal.store.listRuns({ plan })).filter((r) => r.ended === undefined)) {
      await control.abort({ runId: run.runId, actor: 'test-harness', reason: 'free the plan for the next test' }).catch(() => undefined);
      await control.waitForEnd(run.runId, { timeout: Duration.seconds(10), poll: Duration.milliseconds(25) });
    }
  };
  const waitingRun: TestServer['waitingRun'] = async (plan) => {
    await settle(plan);
    const { runId } = await server.deps.runs.startRunbook({ plan: server.deps.plans.get(plan), kind: 'failover', actor: 'api:starter', approve: false });
    await waitFor(runId, 'gate-waiting');
    return runId;
  };
  return {
    url: http.url, server, tokens, script, call, settle, waitingRun, waitFor,
    close: async () => {
      await server.close({ abortRuns: true });
      await http.close();
    },
  };
}
