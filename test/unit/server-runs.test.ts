/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- response bodies are JSON, asserted field by field */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/runbook/hash-chain.js';
import { NodeCryptoHasher } from '../../src/providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../../src/providers/store/sqlite-journal-store.js';
import { startTestServer, type TestServer } from './server-harness.js';

let h: TestServer;

beforeAll(async () => {
  h = await startTestServer();
}, 30_000);

afterAll(async () => {
  await h?.close();
});

/** Reads server-sent events from a response until `stop` says so or the stream ends. */
async function readEvents(res: Response, stop: (events: Array<{ id?: string; event?: string; data: string }>) => boolean = () => false): Promise<Array<{ id?: string; event?: string; data: string }>> {
  const events: Array<{ id?: string; event?: string; data: string }> = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
      if (fields.data !== undefined) events.push({ id: fields.id, event: fields.event, data: fields.data });
    }
    if (stop(events)) {
      await reader.cancel();
      return events;
    }
  }
}

describe('approvals over the API', () => {
  it('needs two distinct approvers for approvers: 2, counts an approver once, and never counts the starter', async () => {
    await h.settle('payments');
    const started = await h.call('POST', '/v1/plans/payments/failover', { as: 'approver', body: { reason: 'region-a is down' } });
    expect(started.status).toBe(202);
    const runId: string = started.json.runId;
    await h.waitFor(runId, 'gate-waiting');

    const byStarter = await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: {} });
    const first = await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver2', body: { comment: 'confirmed on the bridge' } });
    const again = await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver2', body: {} });
    const second = await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'admin', body: {} });
    await h.waitFor(runId, 'run-succeeded');

    expect(byStarter.status).toBe(409);
    expect(byStarter.json.error.message).toContain('the starter\'s own approval does not count');
    expect(first.json).toMatchObject({ gate: 'declare', approvals: 2, approvers: ['api:approver2'], open: false });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('counts once');
    expect(second.json).toMatchObject({ approvers: ['api:approver2', 'api:admin'], open: true });
    const run = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });
    expect(run.json.entries.filter((e: { kind: string }) => e.kind === 'gate-approved').map((e: { approver: string }) => e.approver)).toEqual(['api:approver2', 'api:admin']);
    expect(run.json.startedBy).toBe('api:approver');
  });

  it('rejecting the gate ends the run failed, with who rejected and why', async () => {
    const runId = await h.waitingRun('lab');

    const sut = await h.call('POST', `/v1/runs/${runId}/reject`, { as: 'approver', body: { reason: 'the primary is back' } });
    await h.waitFor(runId, 'run-failed');

    expect(sut.status).toBe(200);
    expect(sut.json).toEqual({ runId, gate: 'declare' });
    const run = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });
    expect(run.json.state).toBe('run-failed');
    expect(run.json.entries).toContainEqual(expect.objectContaining({ kind: 'gate-rejected', approver: 'api:approver', reason: 'the primary is back' }));
    expect(run.json.gates[0]).toMatchObject({ gate: 'declare', waiting: false, rejected: { approver: 'api:approver' } });
  });

  it('aborting asks the driving server process to stop; the run ends aborted by the caller', async () => {
    const runId = await h.waitingRun('lab');

    const sut = await h.call('POST', `/v1/runs/${runId}/abort`, { as: 'operator', body: { reason: 'drill called off' } });
    await h.waitFor(runId, 'run-aborted');

    expect(sut.status).toBe(202);
    expect(sut.json).toMatchObject({ runId, mode: 'requested' });
    const run = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });
    expect(run.json.entries.at(-1)).toMatchObject({ kind: 'run-aborted', actor: 'api:operator', reason: 'drill called off' });
    const again = await h.call('POST', `/v1/runs/${runId}/abort`, { as: 'operator', body: { reason: 'twice' } });
    expect(again.status).toBe(409);
  });

  it('an unknown run is a 404 and an empty reason a 422 naming the field', async () => {
    const missing = await h.call('POST', '/v1/runs/no-such-run/approve', { as: 'approver', body: {} });
    const empty = await h.call('POST', '/v1/runs/no-such-run/reject', { as: 'approver', body: { reason: '  ' } });

    expect(missing.status).toBe(404);
    expect(empty.status).toBe(422);
    expect(empty.json.error.details.issues[0].path).toBe('reason');
  });
});

describe('run details', () => {
  it('gives the chain verdict, per-step budget vs elapsed and the measured outcome of a finished failover', async () => {
    await h.settle('platform');
    const { runId } = (await h.call('POST', '/v1/plans/platform/failover', { as: 'operator', body: { reason: 'test' } })).json;
    await h.waitFor(runId, 'gate-waiting');
    await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: {} });
    await h.waitFor(runId, 'run-succeeded');

    const sut = await h.call('GET', `/v1/runs/${runId}`, { as: 'viewer' });

    expect(sut.json.chain).toEqual({ ok: true });
    expect(sut.json.steps.find((s: { id: string }) => s.id === 'switch-traffic')).toMatchObject({ kind: 'step', phase: 'switchTraffic', budgetSeconds: 120, attempts: 1, overBudget: false });
    expect(typeof sut.json.steps[0].elapsedSeconds).toBe('number');
    expect(sut.json.outcome.objectives).toMatchObject({ rtoSeconds: 1800, rpoSeconds: 5400, rpoMet: true });
    expect(sut.json.outcome.rpoSeconds).toBe(1200);
    expect(sut.json.outcome.restored.map((r: { namespace: string }) => r.namespace)).toEqual(['production', 'monitoring', 'ingress-system']);
    expect(sut.json.entries[0]).toMatchObject({ seq: 1, kind: 'run-started', text: expect.stringContaining('started by api:operator') });
    const list = await h.call('GET', '/v1/runs?plan=platform', { as: 'viewer' });
    expect(list.json.runs[0]).toMatchObject({ runId, plan: 'platform', state: 'run-succeeded' });
  });
});

describe('server-sent events', () => {
  it('delivers every entry in seq order as it lands, then an end event', async () => {
    const runId = await h.waitingRun('lab');
    const res = await fetch(`${h.url}/v1/runs/${runId}/events`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res);

    await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: {} });
    const sut = await reading;

    const entries = sut.filter((e) => e.event === 'entry');
    const stored = await h.server.journal.store.read(runId);
    expect(entries.map((e) => Number(e.id))).toEqual(stored.map((e) => e.seq));
    expect(entries.map((e) => (JSON.parse(e.data) as { kind: string }).kind)).toEqual(stored.map((e) => e.kind));
    expect(sut.at(-1)).toMatchObject({ event: 'end' });
    expect(JSON.parse(sut.at(-1)?.data ?? '{}')).toMatchObject({ state: 'run-succeeded', lastSeq: stored.length });
  });

  it('resumes after Last-Event-ID (and ?after=), sending only what followed', async () => {
    const runId = (await h.server.journal.store.listRuns({ plan: 'lab' })).find((r) => r.ended === 'run-succeeded')?.runId as string;
    const stored = await h.server.journal.store.read(runId);

    const resumed = await readEvents(await fetch(`${h.url}/v1/runs/${runId}/events`, { headers: { authorization: `Bearer ${h.tokens.viewer}`, 'last-event-id': '3' } }));
    const after = await readEvents(await fetch(`${h.url}/v1/runs/${runId}/events?after=${stored.length - 1}`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } }));

    expect(resumed.filter((e) => e.event === 'entry').map((e) => Number(e.id))).toEqual(stored.slice(3).map((e) => e.seq));
    expect(after.filter((e) => e.event === 'entry').map((e) => Number(e.id))).toEqual([stored.length]);
  });

  it('a live stream of a waiting run stops when the client goes away', async () => {
    const runId = await h.waitingRun('lab');
    const res = await fetch(`${h.url}/v1/runs/${runId}/events`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });

    const sut = await readEvents(res, (events) => events.some((e) => e.data.includes('gate-waiting')));

    expect(sut.map((e) => Number(e.id))).toEqual(sut.map((_e, i) => i + 1));
    await h.settle('lab');
  });
});

describe('audit journal', () => {
  it('holds every mutating call with its actor, and its chain verifies when read straight from the store', async () => {
    const day = `audit-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    const store = SqliteJournalStore.fromConfig({ path: join(h.server.paths.stateDir, 'audit.sqlite3') });

    const entries = await store.read(day);
    store.close();

    const calls = entries.filter((e) => e.kind === 'step-succeeded').map((e) => (e.kind === 'step-succeeded' ? e.output : null) as { actor: string; route: string; status: number; path: string });
    expect(verifyChain(entries, NodeCryptoHasher.fromConfig())).toEqual({ ok: true });
    expect(entries[0]).toMatchObject({ kind: 'run-started', runId: day });
    expect(calls).toContainEqual(expect.objectContaining({ actor: 'api:approver2', route: 'POST /v1/runs/{run}/approve', status: 200 }));
    expect(calls).toContainEqual(expect.objectContaining({ actor: 'api:approver', route: 'POST /v1/runs/{run}/approve', status: 409 }));
    expect(calls).toContainEqual(expect.objectContaining({ actor: 'api:operator', route: 'POST /v1/runs/{run}/abort', status: 202 }));
    expect(calls).toContainEqual(expect.objectContaining({ actor: 'api:approver', route: 'POST /v1/plans/{plan}/failover', status: 202, body: { reason: 'region-a is down' } }));
    expect(calls.every((c) => c.actor.startsWith('api:'))).toBe(true);
  });

  it('is served to admins with its verdict', async () => {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');

    const sut = await h.call('GET', `/v1/audit/${day}`, { as: 'admin' });

    expect(sut.status).toBe(200);
    expect(sut.json.chain).toEqual({ ok: true });
    expect(sut.json.entries.length).toBeGreaterThan(5);
  });
});
