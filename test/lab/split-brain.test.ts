import { Resolver } from 'node:dns/promises';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { Lab } from '../../src/lab/lab.js';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { freshBackup, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { LAB_BUCKET, minioClient } from '../../src/lab/minio.js';
import { httpGet } from '../../src/lab/probes.js';
import { fenceWhenBack } from '../../src/wiring/fence-when-back.js';
import { runFailover } from '../../src/wiring/run-failover.js';
import { labSecrets, regionClients, velero } from '../support/lab-client.js';

const PLAN = 'test/fixtures/plans/lab-crash.yaml';
const CANARY = 'split-brain-canary';

/** A Schedule in region-a that would write a backup to the bucket every minute if region-a were not fenced. */
async function installCanarySchedule(): Promise<void> {
  const a = regionClients('region-a');
  await a.custom.deleteNamespacedCustomObject({ ...velero, plural: 'schedules', name: CANARY }).catch(() => undefined);
  await a.custom.createNamespacedCustomObject({
    ...velero, plural: 'schedules',
    body: { apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: CANARY, namespace: 'velero' }, spec: { schedule: '*/1 * * * *', template: { includedNamespaces: ['production'], storageLocation: 'default', ttl: '1h0m0s' } } },
  });
}

async function canaryObjects(): Promise<number> {
  const listed = await minioClient(labSecrets()).send(new ListObjectsV2Command({ Bucket: LAB_BUCKET, Prefix: `backups/${CANARY}-` }));
  return listed.KeyCount ?? 0;
}

async function expectRegionAFenced(): Promise<void> {
  const a = regionClients('region-a');
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
  expect(await resolver.resolve4('app.lab.test')).toEqual([regionNet('region-b').regionIp]);
  expect((await a.apps.readNamespacedDeployment({ namespace: 'production', name: 'web' })).spec?.replicas).toBe(0);
  expect((await httpGet(`http://${regionNet('region-a').regionIp}:${PORTS.ingress}/`, 2000)).status).toBe(503);
  const bsl = (await a.custom.getNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name: 'default' })) as { spec: { accessMode: string } };
  expect(bsl.spec.accessMode).toBe('ReadOnly');
  const schedule = (await a.custom.getNamespacedCustomObject({ ...velero, plural: 'schedules', name: CANARY })) as { spec: { paused?: boolean } };
  expect(schedule.spec.paused).toBe(true);
}

/** When each canary backup in the bucket started, from its own velero-backup.json. */
async function canaryStarts(): Promise<Date[]> {
  const s3 = minioClient(labSecrets());
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: LAB_BUCKET, Prefix: `backups/${CANARY}-` }));
  const metadata = (listed.Contents ?? []).map((c) => c.Key ?? '').filter((k) => k.endsWith('/velero-backup.json'));
  return Promise.all(metadata.map(async (Key) => {
    const body = await (await s3.send(new GetObjectCommand({ Bucket: LAB_BUCKET, Key }))).Body?.transformToString();
    return new Date((JSON.parse(body ?? '{}') as { status?: { startTimestamp?: string } }).status?.startTimestamp ?? 0);
  }));
}

/**
 * Over a window with at least one minute boundary, region-a starts no backup that reaches the bucket.
 * (A backup already in flight when region-a was cut off may still finish its upload when it returns:
 * fencing through the cluster cannot stop that; see docs/split-brain.md.)
 */
async function expectNoBucketWritesFromRegionA(fencedAt: Date): Promise<void> {
  await new Promise((r) => setTimeout(r, 70_000));
  expect((await canaryStarts()).filter((t) => t > fencedAt)).toEqual([]);
}

describe('split brain: region-a coming back never serves or writes until failback', () => {
  const lab = new Lab();
  const ctx = labPlanContext(PLAN);
  const request = { plan: ctx.plan, planText: ctx.planText, namespaces: ctx.plan.spec.protection.namespaces.names, ...ctx.connect, approve: true };

  beforeEach(async () => {
    await restoreLabBaseline(PLAN);
    await installCanarySchedule();
  }, 600_000);

  afterAll(async () => {
    await regionClients('region-a').custom.deleteNamespacedCustomObject({ ...velero, plural: 'schedules', name: CANARY }).catch(() => undefined);
    await restoreLabBaseline(PLAN);
  }, 600_000);

  it('has a canary that really writes to the bucket while region-a is not fenced (so the checks below can fail)', async () => {
    const before = await canaryObjects();
    const deadline = Date.now() + 90_000;
    while ((await canaryObjects()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));

    expect(await canaryObjects()).toBeGreaterThan(before);
  }, 600_000);

  it('fences region-a when it heals after the failover (fencing was owed)', async () => {
    await freshBackup(PLAN);
    await lab.fail('region-a');
    const report = await runFailover(request);
    expect(report.result.outcome).toBe('succeeded');
    expect(report.entries.find((e) => e.kind === 'step-succeeded' && e.step === 'fence')).toMatchObject({ output: { owed: true } });

    const guard = fenceWhenBack(ctx.plan, 'region-a', { ...ctx.connect, wait: Duration.minutes(2) });
    await lab.heal('region-a');
    await guard;
    const fencedAt = new Date();

    await expectRegionAFenced();
    await expectNoBucketWritesFromRegionA(fencedAt);
  }, 600_000);

  it('fences region-a when it heals during the failover, before the fence step', async () => {
    await freshBackup(PLAN);
    await lab.fail('region-a');
    let healed: Promise<void> | undefined;
    const report = await runFailover({
      ...request,
      onEntry: (e) => { if (e.kind === 'step-succeeded' && e.step === 'confirm-outage') healed ??= lab.heal('region-a'); },
    });
    await healed;
    const fencedAt = new Date(String((report.entries.find((e) => e.kind === 'step-succeeded' && e.step === 'fence'))?.at));

    expect(report.result.outcome).toBe('succeeded');
    await expectRegionAFenced();
    await expectNoBucketWritesFromRegionA(fencedAt);
  }, 600_000);
});
