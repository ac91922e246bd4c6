import { describe, expect, it } from 'vitest';
import { planWith } from '../../../test/support/valid-plan.js';
import type { Json } from '../runbook/json.js';
import { failoverNotification, measureRecovery } from './failover-notification.js';

const outputs: Record<string, Json> = {
  'confirm-outage': { region: 'region-a', failing: 3, total: 3, confirmedAt: '2026-11-25T03:00:00.000Z', checks: [] },
  fence: { region: 'region-a', reachable: false, fencedNamespaces: [], owed: true },
  'restore-production': { namespace: 'production', backup: 'hourly-0200', backupStartedAt: '2026-11-25T02:22:00.000Z', backupCompletedAt: '2026-11-25T02:25:00.000Z', restore: 'r1', warnings: 0 },
  'restore-monitoring': { namespace: 'monitoring', backup: 'hourly-0230', backupStartedAt: '2026-11-25T02:30:00.000Z', backupCompletedAt: '2026-11-25T02:31:00.000Z', restore: 'r2', warnings: 0 },
  'switch-traffic': { record: 'app.example.com.', before: ['192.0.2.10'], after: ['192.0.2.20'], changed: true, switchedAt: '2026-11-25T03:04:00.000Z' },
  'verify-traffic': { record: ['192.0.2.20'], ingress: 'http://192.0.2.20/', status: 200, verifiedAt: '2026-11-25T03:04:12.000Z' },
};

describe('measureRecovery', () => {
  it.each([
    ['everything measured', outputs, { rto: '4m12s', rpo: '38m' }],
    ['traffic not verified', { ...outputs, 'verify-traffic': null }, { rto: undefined, rpo: '38m' }],
    ['no restore (active-active)', { 'confirm-outage': outputs['confirm-outage'] ?? null, 'verify-traffic': outputs['verify-traffic'] ?? null }, { rto: '4m12s', rpo: undefined }],
    ['no confirmation', { ...outputs, 'confirm-outage': null }, { rto: undefined, rpo: undefined }],
    ['a garbled timestamp', { ...outputs, 'verify-traffic': { verifiedAt: 'soon' } }, { rto: undefined, rpo: '38m' }],
  ])('%s', (_case, given, expected) => {
    const sut = measureRecovery;

    const m = sut(given);

    expect({ rto: m.rto?.toString(), rpo: m.rpo?.toString() }).toEqual(expected);
  });
});

describe('failoverNotification', () => {
  it('states the measured RTO and RPO against the objectives on failover-complete', () => {
    const plan = planWith();

    const message = failoverNotification(plan, 'failover-complete', { runId: 'run-1', outputs });

    expect(message.title).toBe('Failover of shop complete: RTO 4m12s, RPO 38m');
    expect(message.severity).toBe('info');
    expect(message.key).toBe('run-1');
    expect(message.fields).toEqual({
      Plan: 'shop',
      Run: 'run-1',
      Regions: 'region-a -> region-b',
      RTO: '4m12s (objective 30m: met)',
      RPO: '38m (objective 2h: met)',
      Traffic: 'app.example.com. -> 192.0.2.20',
      Restored: 'production, monitoring',
    });
    expect(message.text).toContain('region-a could not be reached to fence it');
    expect(message.text).toContain('measured from when the outage was confirmed (2026-11-25T03:00:00.000Z)');
  });

  it('warns when an objective was missed', () => {
    const plan = planWith({ objectives: { rto: '2m', rpo: '2h' } });

    const message = failoverNotification(plan, 'failover-complete', { runId: 'run-1', outputs });

    expect(message.severity).toBe('warning');
    expect(message.fields.RTO).toBe('4m12s (objective 2m: MISSED)');
  });

  it('says what was not measured instead of inventing it', () => {
    const plan = planWith();

    const message = failoverNotification(plan, 'failover-failed', { runId: 'run-2', outputs: {} });

    expect(message.title).toBe('Failover of shop failed');
    expect(message.severity).toBe('critical');
    expect(message.fields.RTO).toBe('not measured (traffic not verified yet)');
    expect(message.fields.RPO).toBe('not measured (no namespace restored)');
  });

  it.each<[string, Parameters<typeof failoverNotification>[1], Partial<Parameters<typeof failoverNotification>[2]>, { title: string; text: RegExp; fields: Record<string, string> }]>([
    ['started', 'failover-started', { startedBy: 'alice' }, { title: 'Failover of shop started', text: /^Failover from region-a to region-b started by alice \(run run-3\)\. Follow it with: lifeboat run show run-3$/, fields: { 'Started by': 'alice' } }],
    ['approval needed', 'approval-needed', { gate: { id: 'declare', title: 'Incident commander declares the failover', approvals: 2, approvers: ['ic'] } },
      { title: 'Failover of shop needs approval', text: /1 more approval needed from distinct approvers\. Approve: lifeboat run approve run-3 --gate declare --as NAME; reject: lifeboat run reject run-3 --gate declare --reason TEXT$/, fields: { Approvals: '1 of 2 (ic)' } }],
    ['failed', 'failover-failed', { failure: { step: 'restore-production', nextAction: 'step restore-production failed: no backup. Fix the cause, then start a new run' } },
      { title: 'Failover of shop failed at restore-production', text: /failed at step restore-production\. Next: step restore-production failed: no backup/, fields: { 'Failed step': 'restore-production', 'Next action': 'step restore-production failed: no backup. Fix the cause, then start a new run' } }],
    ['aborted', 'failover-failed', { abort: { actor: 'bob', reason: 'false alarm' } },
      { title: 'Failover of shop aborted by bob', text: /was aborted by bob: false alarm/, fields: { 'Aborted by': 'bob', Reason: 'false alarm' } }],
    ['a failback complete', 'failover-complete', { runbook: 'failback' },
      { title: 'Failback of shop complete', text: /^region-a serves the traffic again and region-b is back to standby \(run run-3\)\.$/, fields: { Regions: 'region-b -> region-a' } }],
  ])('says what happened for %s', (_case, event, extra, expected) => {
    const plan = planWith();

    const message = failoverNotification(plan, event, { runId: 'run-3', outputs: {}, ...extra });

    expect(message.title).toBe(expected.title);
    expect(message.text).toMatch(expected.text);
    expect(message.fields).toMatchObject({ Plan: 'shop', Run: 'run-3', ...expected.fields });
    expect(message.key).toBe('run-3');
  });
});
