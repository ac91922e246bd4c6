import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvidenceBundle } from '../../src/wiring/evidence.js';
import { runEvidence } from '../../src/wiring/run-evidence.js';
import { PLANTED, startTestServer, type TestServer } from './server-harness.js';

let h: TestServer;
let runId: string;
let bundle: string;

beforeAll(async () => {
  h = await startTestServer();
  await h.settle('platform');
  runId = (await h.call('POST', '/v1/plans/platform/failover', { as: 'operator', body: { reason: 'evidence' } })).json.runId as string;
  await h.waitFor(runId, 'gate-waiting');
  await h.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: {} });
  await h.waitFor(runId, 'run-succeeded');
  const loaded = h.server.deps.plans.get('platform');
  const env = { ...process.env, ...PLANTED, LIFEBOAT_STATE_DIR: h.server.paths.stateDir };
  const report = await runEvidence({ runId, plan: loaded.plan, planText: loaded.text, journal: h.server.journal, env });
  bundle = (await writeEvidenceBundle(report, join(h.server.paths.stateDir, 'evidence', runId), { env, pdf: false })).dir;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('evidence over the API', () => {
  it('lists the bundle, verifies it, and serves its files byte for byte', async () => {
    const list = await h.call('GET', '/v1/evidence', { as: 'viewer' });
    const verdict = await h.call('GET', `/v1/evidence/${runId}/verify`, { as: 'viewer' });
    const res = await fetch(`${h.url}/v1/evidence/${runId}/report.json`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
    const bytes = Buffer.from(await res.arrayBuffer());

    const bundleEntry = (list.json as { bundles: Array<{ runId: string; files: string[] }> }).bundles.find((b) => b.runId === runId);
    expect(bundleEntry?.files).toEqual(expect.arrayContaining(['report.json', 'journal.jsonl', 'report.html', 'report.md', 'report.junit.xml']));
    expect(verdict.json).toMatchObject({ ok: true, runId, problems: [] });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report.json"');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(readFileSync(join(bundle, 'report.json'))).digest('hex'));
  });

  it('names each problem of a tampered bundle', async () => {
    const file = join(bundle, 'report.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nthe RTO was fine, really\n`);

    const sut = await h.call('GET', `/v1/evidence/${runId}/verify`, { as: 'viewer' });

    expect(sut.status).toBe(200);
    expect(sut.json.ok).toBe(false);
    expect(sut.json.problems).toContainEqual(expect.objectContaining({ file: 'report.md' }));
  });

  it.each([
    ['a file the manifest does not list', 'journal.sqlite3'],
    ['a path out of the bundle', '..%2F..%2Fjournal.sqlite3'],
    ['a hidden file', '.env'],
  ])('refuses %s with 404', async (_what, file) => {
    const sut = await h.call('GET', `/v1/evidence/${runId}/${file}`, { as: 'admin' });

    expect(sut.status).toBe(404);
    expect(sut.json.error.code).toBe('not_found');
  });
});
