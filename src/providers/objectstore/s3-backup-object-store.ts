import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { ProviderError } from '../../core/errors.js';
import type { BackupObjectStore, ResourceList } from '../../core/ports/backup-object-store.js';

/** Where a Velero storage location keeps its files (from the BackupStorageLocation's spec). */
export interface S3BackupStoreConfig {
  bucket: string;
  prefix?: string;
  region?: string;
  /** `config.s3Url` of the location, for S3-compatible stores such as MinIO. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Omitted: the AWS SDK's default chain (environment, shared files, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Reads Velero's own files for a backup (`<prefix>/backups/<name>/...`) from S3 or an S3-compatible
 * store. Keys are passed to the SDK only; errors name the bucket and key, never credentials.
 */
export class S3BackupObjectStore implements BackupObjectStore {
  constructor(private readonly client: S3Client, private readonly bucket: string, private readonly prefix: string) {}

  static fromConfig(config: S3BackupStoreConfig): S3BackupObjectStore {
    const client = new S3Client({
      region: config.region ?? 'us-east-1',
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      maxAttempts: 2,
    });
    return new S3BackupObjectStore(client, config.bucket, (config.prefix ?? '').replace(/^\/+|\/+$/g, ''));
  }

  async metadata(backup: string): Promise<Record<string, unknown> | undefined> {
    const body = await this.read(backup, 'velero-backup.json');
    return body && (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
  }

  async resourceList(backup: string): Promise<ResourceList | undefined> {
    const body = await this.read(backup, `${backup}-resource-list.json.gz`);
    return body && (JSON.parse(gunzipSync(body).toString('utf8')) as ResourceList);
  }

  async logs(backup: string): Promise<string | undefined> {
    const body = await this.read(backup, `${backup}-logs.gz`);
    return body && gunzipSync(body).toString('utf8');
  }

  private async read(backup: string, file: string): Promise<Buffer | undefined> {
    const key = [this.prefix, 'backups', backup, file].filter(Boolean).join('/');
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw new ProviderError(`reading s3://${this.bucket}/${key} failed: ${(error as Error).name}`, { provider: 's3', operation: 'GetObject', retryable: status === undefined || status >= 500, ...(status ? { status } : {}), cause: error });
    }
  }
}
