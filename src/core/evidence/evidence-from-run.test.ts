import { describe, expect, it } from 'vitest';
import { PLANTED, sampleRun } from '../../../test/fixtures/evidence/sample-run.js';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { InputError } from '../errors.js';
import { verifyChain } from '../runbook/hash-chain.js';
import { evidenceFromRun } from './evidence-from-run.js';
import { evidenceReportSchema } from './evidence-report.js';

const hasher = new NodeCryptoHasher();

describe('evidenceFromRun', () => {
  it('reports a succeeded drill: outcome, RTO/RPO against the objectives, approvals, backups, schema-valid', async () => {
    const { report: sut } = await sampleReport();

    expect(evidenceReportSchema.parse(sut)).toEqual(sut);
    expect(sut).toMatchObject({
      kind: 'failover-drill', runId: 'drill-shop-20261125t024520z-ab12', outcome: 'succeeded', plan: { name: 'shop' },
      startedAt: '2026-11-25T02:45:20.000Z', finishedAt: '2026-11-25T02:50:11.000Z', objectives: { rto: '15m', rpo: '1h' },
      measured: { outageAt: '2026-11-25T02:45:00.000Z', recoveredAt: '2026-11-25T02:49:10.000Z', detection: '22s', rto: '4m10s', rpo: '45m', rtoMet: true, rpoMet: true },
    });
    expect(sut.failure).toBeUndefined();
    expect(sut.approvals).toEqual([{ gate: 'declare', approver: 'alice (incident commander)', at: '2026-11-25T02:46:20.000Z' }]);
    expect(sut.backups.map((b) => [b.namespace, b.name])).toEqual([['monitoring', 'hourly-20261125020000'], ['production', 'hourly-20261125020000']]);
  });

  it('gives each phase its elapsed time, budget, start and status (the fence took 1m10s of 1m)', async () => {
    const { report: sut } = await sampleReport();

    expect(sut.phases.map((p) => [p.name, p.elapsed, p.budget, p.status])).toEqual([
      ['confirm', '2s', '2m', 'ok'], ['declare', '58s', '5m', 'ok'], ['fence', '1m10s', '1m', 'over-budget'], ['restore', '50s', '5m', 'ok'],
      ['scale', '6s', '3m', 'ok'], ['verify', '44s', '4m', 'ok'], ['switchTraffic', '8s', '2m', 'ok'], ['watch', '1m', '5m', 'ok'], ['notify', '1s', '1m', 'ok'],
    ]);
    expect(sut.phases.find((p) => p.name === 'restore')?.startedAt).toBe('2026-11-25T02:47:30.000Z');
  });

  it('reports a failed drill: the failing step with its last error and next action, phases after it not run', async () => {
    const { report: sut } = await sampleReport({ fail: true });

    expect(sut.outcome).toBe('failed');
    expect(sut.failure).toEqual({
      step: 'switch-traffic',
      reason: 'PowerDNS PATCH http://127.0.0.1:8081/api/v1/servers/localhost/zones/shop.example. answered 422 for api key ***',
      nextAction: 'PowerDNS refused the change. Fix the cause, then start a new run',
    });
    expect(sut.phases.filter((p) => p.status !== 'ok').map((p) => [p.name, p.status])).toEqual([
      ['fence', 'over-budget'], ['verify', 'not-run'], ['switchTraffic', 'failed'], ['watch', 'not-run'], ['notify', 'not-run'],
    ]);
    expect(sut.measured).toMatchObject({ rpo: '45m', rpoMet: true });
    expect(sut.measured.rto).toBeUndefined();
  });

  it('carries standard checks CI can gate on: run outcome, hash chain, RTO and RPO, then the caller\'s checks', async () => {
    const { report: ok } = await sampleReport();
    const { report: failed } = await sampleReport({ fail: true });

    expect(ok.checks.map((c) => [c.name, c.passed])).toEqual([
      ['run succeeded', true], ['journal hash chain intact', true], ['RTO within objective (15m)', true], ['RPO within objective (1h)', true], ['smoke check www.shop.example', true],
    ]);
    expect(failed.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['run succeeded', 'RTO within objective (15m)']);
  });

  it('removes planted secrets from every string, and re-links the published journal so its chain still verifies', async () => {
    const { report: sut, run } = await sampleReport();

    const text = JSON.stringify(sut);
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
    expect(verifyChain(sut.journal, hasher)).toEqual({ ok: true });
    expect(sut.journalRedaction).toEqual({ seqs: [10, 13, 20, 29], sourceHead: run.entries.at(-1)?.hash });
    expect(sut.journal.slice(0, 9)).toEqual(run.entries.slice(0, 9));
    expect(sut.journal[9]?.hash).not.toBe(run.entries[9]?.hash);
    expect(sut.notes.at(-1)).toContain('#10, #13, #20, #29');
  });

  it('publishes the journal unchanged when it holds no secret', async () => {
    const run = await sampleRun();
    const clean = run.entries.slice(0, 9);

    const sut = evidenceFromRun({ kind: 'failover', plan: run.plan, entries: clean, hasher, secrets: [PLANTED.pdnsKey] });

    expect(sut.journalRedaction).toBeUndefined();
    expect(sut.journal).toEqual(clean);
  });

  it('reports a broken hash chain in the store as a failed check', async () => {
    const run = await sampleRun();
    const tampered = run.entries.map((e) => (e.seq === 5 && e.kind === 'gate-approved' ? { ...e, approver: 'mallory' } : e));

    const sut = evidenceFromRun({ kind: 'failover-drill', plan: run.plan, entries: tampered, hasher, outcome: run.outcome });

    expect(sut.checks.find((c) => c.name === 'journal hash chain intact')).toMatchObject({ passed: false, detail: expect.stringContaining('broken at #5') });
  });

  it('reports an unfinished run as failed, naming the resume command', async () => {
    const run = await sampleRun();
    const unfinished = run.entries.slice(0, 12);

    const sut = evidenceFromRun({ kind: 'failover', plan: run.plan, entries: unfinished, hasher });

    expect(sut.outcome).toBe('failed');
    expect(sut.failure).toEqual({ step: 'restore-monitoring', reason: expect.stringContaining('has not ended'), nextAction: 'lifeboat run resume drill-shop-20261125t024520z-ab12 --plan PLAN_FILE' });
    expect(sut.finishedAt).toBe(unfinished.at(-1)?.at);
  });

  it('refuses entries that do not begin with run-started', async () => {
    const run = await sampleRun();

    expect(() => evidenceFromRun({ kind: 'failover', plan: run.plan, entries: run.entries.slice(1), hasher })).toThrow(InputError);
  });
});
