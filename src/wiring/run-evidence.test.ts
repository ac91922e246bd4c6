import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTAGE_AT, PLANTED, SAMPLE_PLAN_YAML, sampleRun } from '../../test/fixtures/evidence/sample-run.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { parsePlan } from '../core/plan/parse-plan.js';
import { failoverRunbook } from '../core/runbook/failover/failover-runbook.js';
import { JournalWriter } from '../core/runbook/journal-writer.js';
import { toRunbookJson } from '../core/runbook/runbook-json.js';
import { rb } from '../testing/runbook-builders.js';
import { openJournal } from './journal.js';
import { kindOfRun, runEvidence } from './run-evidence.js';

const plan = parsePlan(SAMPLE_PLAN_YAML, 'plan.yaml');

function stateEnv(): NodeJS.ProcessEnv {
  return { LIFEBOAT_STATE_DIR: mkdtempSync(join(tmpdir(), 'lifeboat-runev-')), PDNS_KEY: PLANTED.pdnsKey, KUBECONFIG: '/nonexistent' };
}

describe('runEvidence', () => {
  it('builds the report of a run in the journal store, RTO/RPO measured, the plan\'s secrets removed', async () => {
    const env = stateEnv();
    const journal = openJournal(env);
    const run = await sampleRun({ store: journal.store });

    const sut = await runEvidence({ runId: run.runId, plan, planText: SAMPLE_PLAN_YAML, env, journal });

    expect(sut).toMatchObject({ kind: 'failover-drill', outcome: 'succeeded', measured: { rto: '3m48s', rpo: '45m22s', outageAt: '2026-11-25T02:45:22.000Z' } });
    expect(sut.notes[0]).toContain('the true RTO is longer by the detection time');
    expect(JSON.stringify(sut)).not.toContain(PLANTED.pdnsKey);
  });

  it('measures from the outage time when it is given', async () => {
    const env = stateEnv();
    const journal = openJournal(env);
    const run = await sampleRun({ store: journal.store });

    const sut = await runEvidence({ runId: run.runId, plan, planText: SAMPLE_PLAN_YAML, env, journal, outageAt: OUTAGE_AT, kind: 'failover' });

    expect(sut).toMatchObject({ kind: 'failover', measured: { rto: '4m10s', rpo: '45m', detection: '22s' } });
    expect(sut.notes.some((n) => n.includes('detection time'))).toBe(false);
  });

  it('refuses a plan file other than the one the run started with, and a run that does not exist', async () => {
    const env = stateEnv();
    const journal = openJournal(env);
    const run = await sampleRun({ store: journal.store });

    await expect(runEvidence({ runId: run.runId, plan, planText: `${SAMPLE_PLAN_YAML}# edited\n`, env, journal })).rejects.toThrow(InputError);
    await expect(runEvidence({ runId: 'failover-nope', plan, planText: SAMPLE_PLAN_YAML, env, journal })).rejects.toThrow(NotFoundError);
  });

  it('turns a tabletop exercise\'s answers into a table', async () => {
    const env = stateEnv();
    const journal = openJournal(env);
    const runId = 'tabletop-shop-20261125t100000z';
    const runbook = rb.seq('tabletop', rb.step('fence', { phase: 'fence' }), rb.step('restore', { phase: 'restore' }));
    const writer = new JournalWriter({ store: journal.store, runId, hasher: journal.hasher, clock: journal.clock });
    await writer.append([{ kind: 'run-started', runId, plan: 'shop', planHash: journal.hasher.sha256Hex(SAMPLE_PLAN_YAML), runbook: toRunbookJson(runbook), actor: 'facilitator' }]);
    await writer.append([
      { kind: 'step-started', step: 'fence', attempt: 1 }, { kind: 'step-succeeded', step: 'fence', attempt: 1, output: { owner: 'sre-oncall', estimate: '5m', flags: ['no runbook link'] } },
      { kind: 'step-started', step: 'restore', attempt: 1 }, { kind: 'step-succeeded', step: 'restore', attempt: 1, output: { owner: 'platform', estimate: '20m', flags: [] } },
      { kind: 'run-succeeded' },
    ]);

    const sut = await runEvidence({ runId, plan, planText: SAMPLE_PLAN_YAML, env, journal });

    expect(sut.kind).toBe('tabletop');
    expect(sut.measured).toEqual({});
    expect(sut.tables).toEqual([{ title: 'Tabletop answers', columns: ['Step', 'estimate', 'flags', 'owner'], rows: [['fence', '5m', 'no runbook link', 'sre-oncall'], ['restore', '20m', '', 'platform']] }]);
  });
});

describe('kindOfRun', () => {
  it.each([
    ['drill-shop-20261125t024520z-ab12', 'failover', 'failover-drill'],
    ['tabletop-shop-20261125t100000z', 'failover', 'tabletop'],
    ['failover-shop-20261125t024520z-ab12', 'failover', 'failover'],
    ['failback-shop-20261125t024520z-ab12', 'failback', 'failback'],
  ])('run %s of the %s runbook is a %s', (runId, runbookId, kind) => {
    const runbook = runbookId === 'failover' ? failoverRunbook(plan, ['production']) : rb.seq(runbookId, rb.step('x'));

    expect(kindOfRun(runId, runbook)).toBe(kind);
  });
});
