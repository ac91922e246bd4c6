import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  // It prints one `List`; flatten it.
  const crds = parseManifests(yaml)
    .flatMap((o) => (o.kind === 'List' ? ((o as { items?: KubernetesObject[] }).items ?? []) : [o]))
    .filter((o) => o.kind === 'CustomResourceDefinition');
  if (crds.length === 0) throw new Error(`${veleroBin} install --crds-only printed no CustomResourceDefinition`);
  return crds;
}

/**
 * The velero namespace and the region's BackupStorageLocation on the shared MinIO bucket. The primary
 * writes (ReadWrite); the standby only reads (ReadOnly), so it syncs the catalog but never writes to it.
 */
export function veleroObjects(net: RegionNet, accessMode: 'ReadWrite' | 'ReadOnly', veleroVersion: string): KubernetesObject[] {
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
    // Velero's restore actions read the install's own Deployment (e.g. for the restore-helper image).
    // The lab runs the server outside the cluster, so the Deployment exists at 0 replicas, as a record.
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'velero', namespace: VELERO_NAMESPACE, labels: { component: 'velero', 'lifeboat.dev/lab': 'server-runs-outside' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { deploy: 'velero' } },
        template: { metadata: { labels: { deploy: 'velero' } }, spec: { containers: [{ name: 'velero', image: `velero/velero:${veleroVersion}` }] } },
      },
    } as KubernetesObject,
  ];
}

/** The region's Velero server, run inside the region's network namespace with the AWS plugin beside it. */
export function veleroProcess(where: { region: string; net: RegionNet; dir: string }, bin: Record<string, string>, s: LabSecrets): ProcessSpec {
  const { region, net, dir } = where;
  const pluginDir = join(dir, 'velero-plugins');
  const creds = join(dir, 'velero-credentials');
  writeFileSync(creds, `[default]\naws_access_key_id=${s.minioUser}\naws_secret_access_key=${s.minioPassword}\n`, { mode: 0o600 });
  return {
    name: `${region}-velero`,
    netns: net.netns,
    command: bin.velero ?? '',
    args: [
      'server', '--kubeconfig', join(dir, 'internal.kubeconfig'), '--namespace', VELERO_NAMESPACE,
      '--plugin-dir', pluginDir, '--uploader-type', 'kopia',
      // Short periods so the standby sees new backups within seconds (defaults are 1m).
      '--backup-sync-period', '5s', '--store-validation-frequency', '5s',
      '--metrics-address', '127.0.0.1:8085', '--profiler-address', '127.0.0.1:6060', '--log-level', 'info',
    ],
    env: { AWS_SHARED_CREDENTIALS_FILE: creds, VELERO_NAMESPACE },
  };
}

/** Links the AWS object-store plugin into the region's plugin directory (Velero scans it at start). */
export function installPlugin(dir: string, pluginBin: string): void {
  const pluginDir = join(dir, 'velero-plugins');
  mkdirSync(pluginDir, { recursive: true });
  const target = join(pluginDir, 'velero-plugin-for-aws');
  rmSync(target, { force: true });
  symlinkSync(pluginBin, target);
}
