import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import { Lab } from '../../src/lab/lab.js';
import { clearStandby, freshBackup, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { openJournal } from '../../src/wiring/journal.js';
import { regionClients, velero } from '../support/lab-client.js';

const PLAN = 'test/fixtures/plans/lab-crash.yaml';

/** Where the orchestrator is SIGKILLed: right after an entry (a step boundary) or once a step started (mid-step). */
const KILL_POINTS: Array<[string, RegExp]> = [
  ['after confirm-outage', /step confirm-outage succeeded/],
  ['after the declare approval', /gate declare approved/],
  ['after fence', /step fence succeeded/],
  ['mid-restore of production', /step restore-production started/],
  ['after one parallel restore', /step restore-(production|monitoring|ingress-system) succeeded/],
  ['after scale-workloads', /step scale-workloads succeeded/],
  ['after verify-workloads', /step verify-workloads succeeded/],
  ['after switch-traffic', /step switch-traffic succeeded/],
  ['after verify-traffic', /step verify-traffic succeeded/],
  ['mid-watch', /step watch started/],
];

function cli(args: string[], env: NodeJS.ProcessEnv, killOn?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/lifeboat.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killOn?.test(out)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('a failover survives its orchestrator being SIGKILLed anywhere', () => {
  const { connect } = labPlanContext(PLAN);
  const stateDir = mkdtempSync(join(tmpdir(), 'lifeboat-crash-'));
  const env = { ...connect.env, KUBECONFIG: connect.kubeconfig, LIFEBOAT_STATE_DIR: stateDir, NO_COLOR: '1' };

  beforeAll(async () => {
    await restoreLabBaseline(PLAN);
    await freshBackup(PLAN);
    await new Lab().fail('region-a');
  }, 600_000);

  afterAll(async () => {
    await restoreLabBaseline(PLAN);
  }, 600_000);

  it.each(KILL_POINTS)('finishes on `run resume` after a kill %s, with one Restore per namespace and a valid journal', async (_where, killOn) => {
    await clearStandby(PLAN);

    const first = await cli(['failover', PLAN, '--yes'], env, killOn);
    const runId = /run (\S+) of plan lab-crash started/.exec(first.out)?.[1];
    expect(first.signal, first.out).toBe('SIGKILL');
    expect(runId).toBeDefined();

    const resumed = await cli(['run', 'resume', runId ?? '', '--plan', PLAN, '--yes'], env);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toContain('run succeeded');

    const entries = await openJournal(env).store.read(runId ?? '');
    expect(verifyChain(entries, new NodeCryptoHasher())).toEqual({ ok: true });
    expect(entries.filter((e) => e.kind === 'run-succeeded')).toHaveLength(1);
    expect(entries.some((e) => e.kind === 'run-resumed')).toBe(true);
    const restores = (await regionClients('region-b').custom.listNamespacedCustomObject({ ...velero, plural: 'restores', labelSelector: `lifeboat.dev/run=${runId}` })) as { items: Array<{ spec: { includedNamespaces: string[] } }> };
    expect(restores.items.flatMap((r) => r.spec.includedNamespaces).sort()).toEqual(['ingress-system', 'monitoring', 'production']);
    const pods = (await regionClients('region-b').core.listNamespacedPod({ namespace: 'production' })).items;
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  }, 300_000);

  it('does nothing on `run resume` of a run that had already ended when its process was killed', async () => {
    await clearStandby(PLAN);

    const first = await cli(['failover', PLAN, '--yes'], env, /run succeeded/);
    const runId = /run (\S+) of plan lab-crash started/.exec(first.out)?.[1] ?? '';
    const before = await openJournal(env).store.read(runId);
    const resumed = await cli(['run', 'resume', runId, '--plan', PLAN, '--yes'], env);
    const after = await openJournal(env).store.read(runId);

    expect(resumed.code, resumed.out).toBe(0);
    expect(after).toEqual(before);
    expect(after.filter((e) => e.kind === 'run-succeeded')).toHaveLength(1);
  }, 300_000);
});
