import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ConflictError } from '../../src/core/errors.js';
import { Duration } from '../../src/core/objectives/duration.js';
import { restoreName } from '../../src/core/runbook/failover/failover-executor.js';
import { sealEntries, verifyChain } from '../../src/core/runbook/hash-chain.js';
import type { JournalEntry } from '../../src/core/runbook/journal-entry.js';
import { fromRunbookJson } from '../../src/core/runbook/runbook-json.js';
import { nodesOf } from '../../src/core/runbook/runbook.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { PostgresDatabase } from '../../src/providers/store/postgres-database.js';
import { LeadershipLostError, PostgresJournalStore } from '../../src/providers/store/postgres-journal-store.js';
import { PostgresLeaderLease } from '../../src/providers/store/postgres-leader-lease.js';
import { newToken } from '../../src/server/auth/token-registry.js';
import { exited, firstLine } from './support/child-process.js';
import { startPostgres, type TestPostgres } from './ha-postgres.js';
import { FileWorld } from './ha-world.js';

const NAMESPACES = ['production', 'monitoring', 'ingress-system'];
const STANDBY = '10.213.2.2';
const SCHEMA = 'ha';
const REPLICA = fileURLToPath(new URL('ha-replica.ts', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/lab.yaml', import.meta.url));
const hasher = new NodeCryptoHasher();

interface Replica { child: ChildProcess; url: string; id: string; pid: number; log: string }

let pg: TestPostgres;
let dir: string;
let db: PostgresDatabase;
let store: PostgresJournalStore;
let leadership: PostgresLeaderLease;
let world: FileWorld;
const tokens = { operator: newToken('ops', 'operator'), approver: newToken('ic', 'approver') };
const replicas: Replica[] = [];

/** The lab plan with a short watch window (5s), so the failover ends in seconds against the fakes. */
function writePlan(): void {
  const doc = parseDocument(readFileSync(EXAMPLE, 'utf8'));
  doc.setIn(['spec', 'budgets', 'watch'], '10s');
  writeFileSync(join(dir, 'plans', 'lab.yaml'), doc.toString());
}

function writeConfig(name: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, [
    'apiVersion: lifeboat.dev/v1alpha1', 'kind: ServerConfig', 'spec:', '  listen: 127.0.0.1:0', '  plans: [plans]', '  tokensFile: tokens.json',
    `  stateDir: state-${name}`, '  scheduler: { enabled: false }',
    `  store: { postgres: { url: "env:HA_DATABASE_URL", schema: ${SCHEMA}, leaderTtl: 3s } }`, '',
  ].join('\n'));
  return file;
}

function createWorld(): FileWorld {
  const started = new Date(Date.now() - 10 * 60_000);
  return FileWorld.create(join(dir, 'world.json'), {
    backups: [{
      name: 'platform-1', phase: 'Completed', storageLocation: 'default', startedAt: started.toISOString(), completedAt: new Date(started.getTime() + 60_000).toISOString(),
      namespaces: NAMESPACES,
      deployments: [{ namespace: 'production', name: 'web', replicas: 3 }, { namespace: 'monitoring', name: 'prometheus', replicas: 1 }, { namespace: 'ingress-system', name: 'ingress-controller', replicas: 2 }],
    }],
    // Each Restore takes seven looks (about 7s of the executor's 1s polls): long enough to kill its driver mid-way.
    restores: [], createdBy: {}, polls: 6,
    standby: { deployments: [], namespaces: [] },
    traffic: { targets: ['10.213.1.2'], ttl: '30s' }, trafficWrites: 0,
  });
}

async function startReplica(name: string): Promise<Replica> {
  const log = join(dir, `${name}.log`);
  const child = spawn(process.execPath, ['--import', 'tsx', REPLICA, writeConfig(name), join(dir, 'world.json')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HA_DATABASE_URL: pg.url, LIFEBOAT_PDNS_API_KEY: 'pdns-planted-key-ha', LIFEBOAT_TOKENS: '' },
  });
  child.stderr?.pipe(createWriteStream(log));
  const line = JSON.parse(await firstLine(child)) as { url: string; id: string; pid: number };
  const replica = { child, log, ...line };
  replicas.push(replica);
  return replica;
}

async function call(r: Replica, request: { method: string; path: string; as: keyof typeof tokens; body?: unknown }): Promise<{ status: number; json: { [k: string]: unknown; error?: { message: string } } }> {
  const { method, path, as, body } = request;
  const res = await fetch(`${r.url}${path}`, {
    method, headers: { authorization: `Bearer ${tokens[as].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as { error?: { message: string } } };
}

async function until<T>(what: string, look: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await look().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs}ms`);
    await sleep(50);
  }
}

const journalOf = (runId: string): Promise<JournalEntry[]> => store.read(runId);
const alive = (r: Replica): boolean => r.child.exitCode === null && r.child.signalCode === null;
const leaderNow = async (): Promise<string | undefined> => (await leadership.current())?.holder;

/** Starts a failover on `leader`, approves it on `other`, and waits until a Restore of it exists. */
async function failoverUnderWay(leader: Replica, other: Replica): Promise<string> {
  const started = await call(leader, { method: 'POST', path: '/v1/plans/lab/failover', as: 'operator', body: { reason: 'region-a is down' } });
  expect(started.status).toBe(202);
  const runId = started.json.runId as string;
  await until('the declare gate waits', async () => (has(await journalOf(runId), 'gate-waiting') ? true : undefined), 20_000);
  expect((await call(other, { method: 'POST', path: `/v1/runs/${runId}/approve`, as: 'approver', body: {} })).status).toBe(200);
  const names = new Set(NAMESPACES.map((ns) => restoreName(runId, ns)));
  await until('a Restore is created', () => Promise.resolve(Object.keys(world.read().createdBy).some((n) => names.has(n)) ? true : undefined), 30_000);
  return runId;
}

/** The run's end as the contract of the acceptance test: one run-succeeded, each step once, one Restore per namespace, a valid chain. */
function expectCompletedOnce(runId: string, entries: JournalEntry[]): void {
  expect(entries.filter((e) => e.kind === 'run-succeeded')).toHaveLength(1);
  expect(entries.at(-1)?.kind).toBe('run-succeeded');
  const steps = nodesOf(fromRunbookJson((entries[0] as Extract<JournalEntry, { kind: 'run-started' }>).runbook)).filter((n) => n.kind === 'step').map((n) => n.id);
  for (const step of steps) expect(entries.filter((e) => e.kind === 'step-succeeded' && e.step === step), step).toHaveLength(1);
  expect(verifyChain(entries, hasher)).toEqual({ ok: true });
  const created = world.read().createdBy;
  for (const ns of NAMESPACES) expect(created[restoreName(runId, ns)], ns).toHaveLength(1);
}
const has = (entries: JournalEntry[], kind: string): boolean => entries.some((e) => e.kind === kind);

beforeAll(async () => {
  pg = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-ha-'));
  mkdirSync(join(dir, 'plans'));
  writePlan();
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ tokens: [tokens.operator.stored, tokens.approver.stored] }));
  db = PostgresDatabase.fromConfig({ url: pg.url, schema: SCHEMA });
  store = new PostgresJournalStore(db, { hasher });
  leadership = new PostgresLeaderLease(db);
  world = createWorld();
}, 120_000);

afterAll(async () => {
  for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  await Promise.all(replicas.map((r) => exited(r.child)));
  await db?.close();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('HA: two lifeboat serve replicas sharing PostgreSQL, the leader killed mid-failover', () => {
  it('the other replica takes over, resumes the run from the journal, and it completes once', async () => {
    const a = await startReplica('a');
    await until('replica a leads', async () => ((await leadership.current())?.holder === a.id ? true : undefined), 15_000);
    const b = await startReplica('b');

    // Only the leader starts runs; the other says who leads. Approvals are journal writes: any replica takes them.
    const refused = await call(b, { method: 'POST', path: '/v1/plans/lab/failover', as: 'operator', body: { reason: 'region-a is down' } });
    const started = await call(a, { method: 'POST', path: '/v1/plans/lab/failover', as: 'operator', body: { reason: 'region-a is down' } });
    const runId = started.json.runId as string;
    await until('the declare gate waits', async () => (has(await journalOf(runId), 'gate-waiting') ? true : undefined), 20_000);
    const approved = await call(b, { method: 'POST', path: `/v1/runs/${runId}/approve`, as: 'approver', body: {} });
    await until('a Restore is created', () => Promise.resolve(Object.keys(world.read().createdBy).length > 0 ? true : undefined), 30_000);
    const [aLease] = await db.query<{ holder: string; token: string }>('test', "SELECT holder, token FROM lifeboat_leases WHERE plan = 'lab'");
    const aLeadership = await leadership.current();
    const before = await journalOf(runId);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await exited(a.child)).toMatchObject({ signal: 'SIGKILL' });

    const bLeads = await until('replica b leads', async () => ((await leadership.current())?.holder === b.id ? Date.now() : undefined), 15_000);
    const entries = await until('the run succeeds', async () => {
      const e = await journalOf(runId);
      return has(e, 'run-succeeded') ? e : undefined;
    }, 90_000);
    const detail = await call(b, { method: 'GET', path: `/v1/runs/${runId}`, as: 'approver' });
    if (process.env.HA_DEBUG) console.log(`killed at ${new Date(killedAt).toISOString()}, b leads after ${bLeads - killedAt}ms`);
    if (process.env.HA_DEBUG) console.log(entries.map((e) => `${e.seq} ${e.at} ${e.kind} ${'step' in e ? e.step : ''} ${'attempt' in e ? e.attempt : ''} ${'actor' in e ? e.actor : ''} ${e.kind === 'step-failed' ? e.error : ''}`).join('\n'));
    const state = world.read();

    expect(refused.status).toBe(503);
    expect(refused.json.error?.message).toContain(`the leader is ${a.id}`);
    expect(started.status).toBe(202);
    expect(approved.status).toBe(200);
    expect(before.some((e) => e.kind === 'step-started' && e.step.startsWith('restore-'))).toBe(true);
    expect(has(before, 'run-succeeded')).toBe(false);
    expect(bLeads - killedAt).toBeLessThan(3000 + 2000);
    // Completed once, on the other instance.
    expectCompletedOnce(runId, entries);
    // Resumed by b only (more than once if b's leadership lapsed for a moment on a loaded machine: its drive
    // stops and it resumes again, which the journal rules allow).
    const resumers = entries.filter((e) => e.kind === 'run-resumed').map((e) => e.kind === 'run-resumed' && e.actor);
    expect(resumers.length).toBeGreaterThan(0);
    expect(new Set(resumers)).toEqual(new Set([`server:${b.id}`]));
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ state: 'run-succeeded', chain: { ok: true } });
    // Exactly one Velero Restore per namespace, each created by the killed leader and finished by the new one.
    expect(Object.keys(state.createdBy).sort()).toEqual(NAMESPACES.map((ns) => restoreName(runId, ns)).sort());
    // A restore the killed leader had started was run again by the new one, which found its Restore by name
    // (or, when the kill fell between the journal's step-started and the create call, made it once itself);
    // one it had not reached (the engine runs two at a time) was started, and its Restore created, by the new one.
    const resumedAt = entries.findIndex((e) => e.kind === 'run-resumed');
    const startedByA = NAMESPACES.filter((ns) => entries.slice(0, resumedAt).some((e) => e.kind === 'step-started' && e.step === `restore-${ns}`));
    expect(startedByA.length).toBeGreaterThan(0);
    for (const ns of NAMESPACES) {
      const killedMidway = startedByA.includes(ns);
      const creator = state.createdBy[restoreName(runId, ns)];
      if (killedMidway) expect([[a.pid], [b.pid]], ns).toContainEqual(creator);
      else expect(creator, ns).toEqual([b.pid]);
      const attempts = entries.filter((e) => e.kind === 'step-started' && e.step === `restore-${ns}`).map((e) => e.kind === 'step-started' && e.attempt);
      expect(attempts[0], ns).toBe(1);
      if (killedMidway) expect(attempts.length, ns).toBeGreaterThan(1);
    }
    // The test killed a only once a Restore existed: b found at least one of a's Restores by name and reused it.
    expect(NAMESPACES.filter((ns) => state.createdBy[restoreName(runId, ns)]?.[0] === a.pid).length).toBeGreaterThan(0);
    expect(state.restores.map(([, r]) => r.phase)).toEqual(['Completed', 'Completed', 'Completed']);
    expect(state.traffic.targets).toEqual([STANDBY]);
    expect(aLease?.holder).toBe(a.id);
    expect(aLeadership?.holder).toBe(a.id);

    // A late write by the killed leader: its plan lease token and its leadership token are both refused.
    const late = sealEntries([{ kind: 'gate-approved', gate: 'declare', approver: 'zombie' }], { previous: entries.at(-1), at: new Date(), hasher });
    const lateAppend = store.append({ runId, entries: late, fence: { plan: 'lab', fencingToken: Number(aLease?.token) } });
    await expect(lateAppend).rejects.toThrow(/lease token \d+ is no longer current/);
    await expect(lateAppend).rejects.toBeInstanceOf(ConflictError);
    const zombie = store.withLeaderFence(() => ({ name: leadership.name, holder: a.id, token: aLeadership?.token ?? 0 }));
    const zombieTake = zombie.acquireLease({ plan: 'lab', holder: a.id, ttl: Duration.seconds(10) });
    await expect(zombieTake).rejects.toThrow(/leadership token \d+ of .* is no longer current/);
    await expect(zombieTake).rejects.toBeInstanceOf(LeadershipLostError);
    expect((await journalOf(runId)).length).toBe(entries.length);
    // The database URL carries a password: no replica logged it.
    const password = new URL(pg.url).password;
    for (const r of replicas) expect(readFileSync(r.log, 'utf8')).not.toContain(password);
    expect(readFileSync(b.log, 'utf8')).toContain('resuming a run nobody drives');
  }, 180_000);

  it('a leader frozen past its ttl (SIGSTOP) writes nothing more when it wakes; the other replica finishes the run', async () => {
    while (replicas.filter(alive).length < 2) await startReplica(`r${replicas.length + 1}`);
    const holder = await until('a replica leads', leaderNow, 15_000);
    const leader = replicas.find((r) => alive(r) && r.id === holder) as Replica;
    const other = replicas.find((r) => alive(r) && r !== leader) as Replica;
    const runId = await failoverUnderWay(leader, other);

    leader.child.kill('SIGSTOP');
    const frozen = await journalOf(runId);
    // The ttl is 3s; on a loaded 2-core machine the other replica's lease loop can take longer to get its turn.
    await until('the other replica leads', async () => ((await leaderNow()) === other.id ? true : undefined), 30_000);
    await sleep(1000);
    leader.child.kill('SIGCONT');
    const entries = await until('the run succeeds', async () => {
      const e = await journalOf(runId);
      return has(e, 'run-succeeded') ? e : undefined;
    }, 90_000);
    const refused = await call(leader, { method: 'POST', path: '/v1/plans/lab/failback', as: 'operator', body: { reason: 'try' } });

    expect(has(frozen, 'run-succeeded')).toBe(false);
    // The woken leader's drive wrote nothing: the next entry after the freeze is the other replica's resume.
    expect(entries[frozen.length]).toMatchObject({ kind: 'run-resumed', actor: `server:${other.id}` });
    expect(entries.slice(frozen.length).filter((e) => e.kind === 'run-resumed').every((e) => e.kind === 'run-resumed' && e.actor === `server:${other.id}`)).toBe(true);
    expectCompletedOnce(runId, entries);
    expect(refused.status).toBe(503);
    expect(refused.json.error?.message).toContain(`the leader is ${other.id}`);
    expect(readFileSync(leader.log, 'utf8')).toContain('leadership lost');
  }, 180_000);
});
