import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { drPlanSchema, type DRPlan } from '../../src/core/plan/schema.js';
import { assessPlans } from '../../src/core/posture/assess-plans.js';
import type { Finding } from '../../src/core/posture/finding.js';
import type { GatherError } from '../../src/core/posture/gather-posture.js';
import { binaries, labPaths } from '../../src/lab/lab-config.js';
import { InMemoryDrillHistory } from '../../src/providers/store/in-memory-drill-history.js';
import { postureSources } from '../../src/wiring/posture-sources.js';
import { eventually, labSecrets, regionClients, velero } from './lab-client.js';

/** The DR plan the posture lab tests judge: the lab's three namespaces, 15m RPO/RTO, adopt mode. */
export const POSTURE_PLAN_INPUT = {
  apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'posture-lab' },
  spec: {
    pattern: 'active-passive',
    regions: [
      { name: 'region-a', role: 'primary', context: 'lab-region-a', location: 'lab-a', ingress: { address: '10.213.1.2', port: 80 } },
      { name: 'region-b', role: 'standby', context: 'lab-region-b', location: 'lab-b', ingress: { address: '10.213.2.2', port: 80 } },
    ],
    objectives: { rto: '15m', rpo: '15m' },
    protection: { namespaces: { names: ['production', 'monitoring', 'ingress-system'] }, volumes: 'none' },
    backup: {
      mode: 'adopt',
      storageLocations: [
        { name: 'default', bucket: 'velero', location: 'lab-shared', config: { region: 'minio', s3ForcePathStyle: 'true' } },
        { name: 'posture-vanishing', bucket: 'posture-vanishing', location: 'lab-shared', config: { region: 'minio', s3ForcePathStyle: 'true' } },
      ],
    },
    traffic: { provider: 'powerdns', endpoint: 'http://127.0.0.1:8081', credentials: 'env:LIFEBOAT_PDNS_API_KEY', zone: 'lab.test.', record: 'app.lab.test.', type: 'A', ttl: '30s' },
    capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 3 }] },
  },
} as const;

export const postureLabPlan = (): DRPlan => drPlanSchema.parse(POSTURE_PLAN_INPUT);

/**
 * Drills recorded an hour ago: there is no drill runner writing history yet, and "never drilled" is an
 * error, so the acceptance tests give the plan a drill record to start from a clean baseline.
 */
export function recentDrills(): InMemoryDrillHistory {
  const finishedAt = new Date(Date.now() - 3_600_000);
  return new InMemoryDrillHistory((['tabletop', 'component', 'failover'] as const).map((kind) => ({ plan: 'posture-lab', kind, finishedAt, succeeded: true })));
}

/** Runs Lifeboat's posture assessment of the lab plan, in process, against the real lab. */
export async function assessLab(): Promise<{ findings: Finding[]; errors: GatherError[] }> {
  const plan = postureLabPlan();
  const env = { ...process.env, LIFEBOAT_PDNS_API_KEY: labSecrets().pdnsApiKey };
  const { results, errors } = await assessPlans([{ file: 'posture-lab', plan }], (p) => postureSources(p, { kubeconfig: labPaths().kubeconfig, env, drills: recentDrills() }));
  return { findings: results[0]?.findings ?? [], errors };
}

const keyOf = (f: Finding): string => `${f.id}|${f.message}`;

/** Findings above info level present in `after` but not in `before` (same id and message). */
export function newProblems(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const seen = new Set(before.map(keyOf));
  return after.filter((f) => f.severity !== 'info' && !seen.has(keyOf(f)));
}

/** An S3 client on the lab's MinIO (host side). */
export function labS3(): S3Client {
  const s = labSecrets();
  return new S3Client({ region: 'minio', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, credentials: { accessKeyId: s.minioUser, secretAccessKey: s.minioPassword } });
}

/** Sets the AWS_* variables the S3 provider's default credential chain reads; returns an undo. */
export function useLabS3Credentials(): () => void {
  const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;
  const saved = keys.map((k) => process.env[k]);
  const s = labSecrets();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: s.minioUser, AWS_SECRET_ACCESS_KEY: s.minioPassword, AWS_REGION: 'minio' });
  return () => keys.forEach((k, i) => { if (saved[i] === undefined) delete process.env[k]; else process.env[k] = saved[i]; });
}

export async function createBucket(name: string): Promise<void> {
  await labS3().send(new CreateBucketCommand({ Bucket: name })).catch((e: unknown) => {
    if (!/BucketAlready/.test((e as Error).name)) throw e;
  });
}

export async function deleteBucket(name: string): Promise<void> {
  await labS3().send(new DeleteBucketCommand({ Bucket: name })).catch((e: unknown) => {
    if (!/NoSuchBucket/.test((e as Error).name)) throw e;
  });
}

export async function getObject(bucket: string, key: string): Promise<Buffer> {
  const out = await labS3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

export async function putObject(bucket: string, key: string, body: Buffer): Promise<void> {
  await labS3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

const custom = (): ReturnType<typeof regionClients>['custom'] => regionClients('region-a').custom;

export async function createSchedule(name: string, cron: string, template: Record<string, unknown>, skipImmediately: boolean): Promise<void> {
  await custom().createNamespacedCustomObject({ ...velero, plural: 'schedules', body: { apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name, namespace: 'velero' }, spec: { schedule: cron, skipImmediately, template: { ttl: '2h0m0s', ...template } } } });
}

/** Edits a Schedule's cron in place (a JSON merge patch), as someone editing it with kubectl would. */
export async function setScheduleCron(name: string, cron: string): Promise<void> {
  await custom().patchNamespacedCustomObject({ ...velero, plural: 'schedules', name, body: { spec: { schedule: cron } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
}

export async function createLocation(name: string, bucket: string, extra: Record<string, unknown> = {}): Promise<void> {
  await custom().createNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', body: { apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name, namespace: 'velero' }, spec: { provider: 'aws', objectStorage: { bucket }, config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: 'http://10.213.1.1:9000' }, accessMode: 'ReadWrite', ...extra } } });
}

export async function locationPhase(name: string): Promise<string | undefined> {
  const l = (await custom().getNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name })) as { status?: { phase?: string } };
  return l.status?.phase;
}

export async function backupPhase(name: string): Promise<string | undefined> {
  const b = (await custom().getNamespacedCustomObject({ ...velero, plural: 'backups', name })) as { status?: { phase?: string } };
  return b.status?.phase;
}

/** `velero backup create NAME --from-schedule SCHEDULE` with the lab's own Velero CLI. */
export async function backupFromSchedule(name: string, schedule: string): Promise<void> {
  await promisify(execFile)(binaries().velero ?? 'velero', ['backup', 'create', name, '--from-schedule', schedule, '--kubeconfig', labPaths().kubeconfig, '--kubecontext', 'lab-region-a']);
}

/** Waits for a backup to finish and returns its phase. */
export function finished(name: string, timeoutMs = 120_000): Promise<string> {
  return eventually(`backup ${name} finished`, async () => {
    const phase = await backupPhase(name);
    return phase && ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(phase) ? phase : undefined;
  }, timeoutMs);
}

/** Names of the backups a schedule made (label velero.io/schedule-name). */
export async function backupsOf(schedule: string): Promise<Array<{ name: string; phase?: string }>> {
  const list = (await custom().listNamespacedCustomObject({ ...velero, plural: 'backups', labelSelector: `velero.io/schedule-name=${schedule}` })) as { items: Array<{ metadata: { name: string }; status?: { phase?: string } }> };
  return list.items.map((b) => ({ name: b.metadata.name, ...(b.status?.phase ? { phase: b.status.phase } : {}) }));
}

/**
 * Removes a schedule and its backups: Completed ones through a DeleteBackupRequest (so Velero deletes
 * their files and the standby's synced copy goes too), the others (no files) directly.
 */
export async function removeSchedule(name: string): Promise<void> {
  await custom().deleteNamespacedCustomObject({ ...velero, plural: 'schedules', name }).catch(() => undefined);
  for (const b of await backupsOf(name)) await removeBackup(b.name, b.phase);
}

export async function removeBackup(name: string, phase: string | undefined): Promise<void> {
  if (phase === 'Completed' || phase === 'PartiallyFailed') {
    await custom().createNamespacedCustomObject({ ...velero, plural: 'deletebackuprequests', body: { apiVersion: 'velero.io/v1', kind: 'DeleteBackupRequest', metadata: { generateName: 'posture-', namespace: 'velero', labels: { 'velero.io/backup-name': name } }, spec: { backupName: name } } });
    return;
  }
  await custom().deleteNamespacedCustomObject({ ...velero, plural: 'backups', name }).catch(() => undefined);
}

export async function removeLocation(name: string): Promise<void> {
  await custom().deleteNamespacedCustomObject({ ...velero, plural: 'backupstoragelocations', name }).catch(() => undefined);
}
