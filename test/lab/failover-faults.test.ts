import { Resolver } from 'node:dns/promises';
import { AdmissionregistrationV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/runbook/journal-entry.js';
import { Lab } from '../../src/lab/lab.js';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { LabFaults, type FaultTarget } from '../../src/lab/lab-faults.js';
import { freshBackup, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { runFailover, type FailoverReport } from '../../src/wiring/run-failover.js';
import { regionClients, velero } from '../support/lab-client.js';

const PLAN = 'test/fixtures/plans/lab-crash.yaml';
const lab = new Lab();
const faults = new LabFaults();

async function dnsAnswer(): Promise<string[]> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
  return resolver.resolve4('app.lab.test');
}

const entriesOf = (r: FailoverReport, kind: JournalEntry['kind'], step?: string): JournalEntry[] =>
  r.entries.filter((e) => e.kind === kind && (step === undefined || ('step' in e && e.step === step)));

/** What a halted run must show: the failed step, a next action, and traffic still on region-a. */
async function expectHaltedAt(report: FailoverReport, step: RegExp): Promise<void> {
  const failed = report.entries.find((e) => e.kind === 'run-failed');
  expect(report.result.outcome).toBe('failed');
  expect(failed).toMatchObject({ step: expect.stringMatching(step), nextAction: expect.any(String) });
  expect((failed as { nextAction: string }).nextAction.length).toBeGreaterThan(10);
  expect(report.entries.some((e) => e.kind === 'run-succeeded')).toBe(false);
  expect(report.outcome.recoveredAt).toBeUndefined();
  expect(await dnsAnswer()).toEqual([regionNet('region-a').regionIp]);
}

async function restoresOf(runId: string): Promise<Array<{ spec: { includedNamespaces: string[] }; status?: { phase?: string } }>> {
  const list = (await regionClients('region-b').custom.listNamespacedCustomObject({ ...velero, plural: 'restores', labelSelector: `lifeboat.dev/run=${runId}` })) as { items: Array<{ spec: { includedNamespaces: string[] }; status?: { phase?: string } }> };
  return list.items;
}

const REFUSED = 'lifeboat-fault-refused';

/**
 * A ConfigMap in region-a's production namespace that region-b's own admission (a ValidatingAdmissionPolicy,
 * no webhook needed) refuses: Velero's restore of production then ends PartiallyFailed for real.
 */
async function plantObjectTheStandbyRefuses(): Promise<void> {
  await lab.heal('region-a');
  const admission = regionClients('region-b').kc.makeApiClient(AdmissionregistrationV1Api);
  await admission.createValidatingAdmissionPolicy({ body: {
    metadata: { name: REFUSED },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }] },
      validations: [{ expression: `object.metadata.name != '${REFUSED}'`, message: 'refused by the fault test' }],
    },
  } });
  await admission.createValidatingAdmissionPolicyBinding({ body: { metadata: { name: REFUSED }, spec: { policyName: REFUSED, validationActions: ['Deny'] } } });
  await regionClients('region-a').core.createNamespacedConfigMap({ namespace: 'production', body: { metadata: { name: REFUSED }, data: { why: 'fault test' } } });
}

async function removeRefusedObject(): Promise<void> {
  const admission = regionClients('region-b').kc.makeApiClient(AdmissionregistrationV1Api);
  await admission.deleteValidatingAdmissionPolicyBinding({ name: REFUSED }).catch(() => undefined);
  await admission.deleteValidatingAdmissionPolicy({ name: REFUSED }).catch(() => undefined);
  await regionClients('region-a').core.deleteNamespacedConfigMap({ namespace: 'production', name: REFUSED }).catch(() => undefined);
}

describe('failover under real faults: never a "complete" that is not; retry or halt with the next action', () => {
  const ctx = labPlanContext(PLAN);
  const request = { plan: ctx.plan, planText: ctx.planText, namespaces: ctx.plan.spec.protection.namespaces.names, ...ctx.connect, approve: true };
  const injected: FaultTarget[] = [];
  const inject = async (t: FaultTarget): Promise<void> => { injected.push(t); await faults.inject(t); };

  // One backup serves every case: region-a's data does not change between them, and each fresh backup
  // costs up to a minute waiting for the standby's Velero to sync its catalog (a fixed 1-minute period).
  // The PartiallyFailed case takes its own backup (with the object the standby refuses), so it runs last.
  beforeAll(async () => {
    await restoreLabBaseline(PLAN);
    await freshBackup(PLAN);
  }, 600_000);

  beforeEach(async () => {
    await restoreLabBaseline(PLAN);
    await lab.fail('region-a');
  }, 600_000);

  afterEach(async () => {
    for (const t of injected.splice(0)) await faults.clear(t);
    await lab.heal('region-a');
    await removeRefusedObject();
  }, 300_000);

  afterAll(async () => {
    await restoreLabBaseline(PLAN);
    // The newest backup holds the refused object: later files must not restore it.
    await freshBackup(PLAN);
  }, 600_000);

  it('recovers by retry when the DNS API answers 500 and comes back', async () => {
    await inject({ fault: 'dns-api-down' });
    let cleared: Promise<void> | undefined;

    const report = await runFailover({
      ...request,
      onEntry: (e) => { if (e.kind === 'step-failed' && e.step === 'switch-traffic') cleared ??= faults.clear({ fault: 'dns-api-down' }); },
    });
    await cleared;

    expect(entriesOf(report, 'step-failed', 'switch-traffic')[0]).toMatchObject({ retryable: true, error: expect.stringMatching(/500/) });
    expect(report.result.outcome).toBe('succeeded');
    expect(await dnsAnswer()).toEqual([regionNet('region-b').regionIp]);
  }, 600_000);

  it('halts at switch-traffic with the next action when the DNS API keeps answering 500', async () => {
    await inject({ fault: 'dns-api-down' });

    const report = await runFailover(request);

    expect(entriesOf(report, 'step-failed', 'switch-traffic').length).toBeGreaterThan(1);
    await expectHaltedAt(report, /^switch-traffic$/);
  }, 600_000);

  it('survives the standby apiserver being restarted mid-restore: retries, one Completed Restore per namespace, run complete', async () => {
    let restarted: Promise<void> | undefined;

    const report = await runFailover({
      ...request,
      onEntry: (e) => {
        if (e.kind !== 'step-started' || e.step !== 'restore-production' || restarted) return;
        restarted = faults.inject({ fault: 'apiserver-down', region: 'region-b' })
          .then(() => new Promise((r) => setTimeout(r, 3000)))
          .then(() => faults.clear({ fault: 'apiserver-down', region: 'region-b' }));
      },
    });
    await restarted;

    expect(restarted).toBeDefined();
    expect(report.result.outcome).toBe('succeeded');
    expect(report.entries.filter((e) => e.kind === 'step-failed' && e.step.startsWith('restore-')).length).toBeGreaterThan(0);
    // A Restore Velero was running while its apiserver was gone may end PartiallyFailed; the retry makes
    // a new one (named for its attempt). Each namespace ends with exactly one Completed Restore.
    const completed = (await restoresOf(report.runId)).filter((r) => r.status?.phase === 'Completed');
    expect(completed.flatMap((r) => r.spec.includedNamespaces).sort()).toEqual(['ingress-system', 'monitoring', 'production']);
  }, 600_000);

  it('halts at a restore when MinIO is down, without switching traffic', async () => {
    await inject({ fault: 'minio-down' });

    const report = await runFailover(request);

    await expectHaltedAt(report, /^restore-/);
  }, 600_000);

  it('halts when the standby has no capacity (its nodes are gone): workloads never verified, traffic stays', async () => {
    await inject({ fault: 'node-pool-gone', region: 'region-b' });

    const report = await runFailover(request);

    await expectHaltedAt(report, /^verify-workloads$/);
  }, 600_000);

  it('halts when a Restore ends PartiallyFailed (the standby refuses one object), without switching traffic', async () => {
    await plantObjectTheStandbyRefuses();
    await freshBackup(PLAN);
    await lab.fail('region-a');

    const report = await runFailover(request);

    await expectHaltedAt(report, /^restore-production$/);
    expect(entriesOf(report, 'step-failed', 'restore-production')[0]).toMatchObject({ error: expect.stringMatching(/PartiallyFailed/) });
  }, 600_000);
});
