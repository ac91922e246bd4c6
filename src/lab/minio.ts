import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PORTS } from './lab-config.js';
import type { LabSecrets } from './secrets.js';
import type { ProcessSpec } from './supervisor.js';

export const LAB_BUCKET = 'velero';

/** MinIO on the host: the "cross-region" bucket both regions' Velero servers use. */
export function minioProcess(runDir: string, bin: string, s: LabSecrets): ProcessSpec {
  const data = join(runDir, 'minio', 'data');
  mkdirSync(data, { recursive: true });
  return {
    name: 'minio',
    command: bin,
    args: ['server', data, '--address', `:${PORTS.minio}`, '--console-address', `127.0.0.1:${PORTS.minioConsole}`, '--quiet'],
    env: { MINIO_ROOT_USER: s.minioUser, MINIO_ROOT_PASSWORD: s.minioPassword, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off' },
  };
}

export function minioClient(s: LabSecrets, endpoint = `http://127.0.0.1:${PORTS.minio}`): S3Client {
  return new S3Client({ endpoint, region: 'minio', forcePathStyle: true, credentials: { accessKeyId: s.minioUser, secretAccessKey: s.minioPassword } });
}

export async function minioReady(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${PORTS.minio}/minio/health/ready`).catch(() => undefined);
  return res?.ok ?? false;
}

/** Creates the lab bucket unless it exists. */
export async function ensureBucket(client: S3Client, bucket = LAB_BUCKET): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
