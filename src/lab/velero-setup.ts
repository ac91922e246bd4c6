import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { run } from './exec.js';
import { PORTS, type RegionNet } from './lab-config.js';
import { LAB_BUCKET } from './minio.js';
import { parseManifests } from './kube-apply.js';
import type { LabSecrets } from './secrets.js';
import type { ProcessSpec } from './supervisor.js';

export const VELERO_NAMESPACE = 'velero';
export const LAB_BSL = 'default';

/** Velero's own CRDs, as its binary prints them (`velero install --crds-only --dry-run -o yaml`). */
export async function veleroCrds(veleroBin: string): Promise<KubernetesObject[]> {
  const yaml = await run(veleroBin, ['install', '--crds-only', '--dry-run', '-o', 'yaml']);
  return parseManifests(yaml).filter((o) => o.kind === 'CustomResourceDefinition');
}

/**
 * The velero namespace and the region's BackupStorageLocation on the shared MinIO bucket. The primary
 * writes (ReadWrite); the standby only reads (ReadOnly), so it syncs the catalog but never writes to it.
 */
export function veleroObjects(net: RegionNet, accessMode: 'ReadWrite' | 'ReadOnly'): KubernetesObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: VELERO_NAMESPACE } },
    {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: LAB_BSL, namespace: VELERO_NAMESPACE },
      spec: {
        provider: 'aws',
        default: true,
        accessMode,
        objectStorage: { bucket: LAB_BUCKET },
        config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: `http://${net.hostIp}:${PORTS.minio}` },
      },
    } as KubernetesObject,
  ];
}

/** The region's Velero server, run inside the region's network namespace with the AWS plugin beside it. */
export function veleroProcess(region: string, net: RegionNet, dir: string, bin: Record<string, string>, s: LabSecrets): ProcessSpec {
  const pluginDir = join(dir, 'velero-plugins');
  mkdirSync(pluginDir, { recursive: true });
  const creds = join(dir, 'velero-credentials');
  writeFileSync(creds, `[default]\naws_access_key_id=${s.minioUser}\naws_secret_access_key=${s.minioPassword}\n`, { mode: 0o600 });
  return {
    name: `${region}-velero`,
    netns: net.netns,
    command: bin.velero ?? '',
    args: [
      'server', '--kubeconfig', join(dir, 'internal.kubeconfig'), '--namespace', VELERO_NAMESPACE,
      '--plugin-dir', pluginDir, '--uploader-type', 'kopia', '--default-backup-storage-location', LAB_BSL,
      // Short periods so the standby sees new backups within seconds (defaults are 1m).
      '--backup-sync-period', '5s', '--store-validation-frequency', '5s',
      '--metrics-address', '127.0.0.1:8085', '--profiler-address', '127.0.0.1:6060', '--log-level', 'info',
    ],
    env: { AWS_SHARED_CREDENTIALS_FILE: creds, VELERO_NAMESPACE },
  };
}

/** Links the AWS object-store plugin into the region's plugin directory (Velero scans it at start). */
export async function installPlugin(dir: string, pluginBin: string): Promise<void> {
  const target = join(dir, 'velero-plugins', 'velero-plugin-for-aws');
  await run('ln', ['-sf', pluginBin, target]);
}
