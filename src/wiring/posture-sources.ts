import type { DRPlan, Region } from '../core/plan/schema.js';
import type { StorageLocationRecord } from '../core/ports/backup-catalog.js';
import type { DrillHistory } from '../core/ports/drill-history.js';
import type { PostureSources } from '../core/posture/gather-posture.js';
import { KubernetesApiInventory } from '../providers/kubernetes/kubernetes-api-inventory.js';
import { S3BackupObjectStore } from '../providers/objectstore/s3-backup-object-store.js';
import { VeleroBackupCatalog } from '../providers/velero/velero-backup-catalog.js';
import { readDrillHistory } from './drill-history.js';
import { trafficManagerFor } from './failover-ports.js';

export interface PostureWiringOptions {
  /** --kubeconfig: overrides each region's kubeconfig and $KUBECONFIG. */
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  drills?: DrillHistory;
  probeTimeoutMs?: number;
  now?: () => Date;
}

/**
 * The real providers behind `lifeboat status` for one plan: client-node per region context, Velero's
 * catalog, the storage location's bucket through the S3 API (credentials from the AWS SDK's default
 * chain: AWS_ACCESS_KEY_ID... or instance roles), the plan's DNS provider, and the drills recorded in
 * the state directory.
 */
export function postureSources(plan: DRPlan, options: PostureWiringOptions = {}): PostureSources {
  const kubeconfig = (region: Region): string | undefined => options.kubeconfig ?? region.kubeconfig;
  const drills = options.drills ?? readDrillHistory(options.env ?? process.env);
  return {
    inventory: (region) => KubernetesApiInventory.fromConfig({ context: region.context, kubeconfig: kubeconfig(region), probeTimeoutMs: options.probeTimeoutMs ?? 3000 }),
    catalog: (region) => VeleroBackupCatalog.fromConfig({ context: region.context, kubeconfig: kubeconfig(region), namespace: region.veleroNamespace }),
    objectStore: (location) => objectStoreFor(location),
    traffic: () => (plan.spec.traffic.provider === 'none' ? undefined : trafficManagerFor(plan, options.env ?? process.env)),
    drills,
    now: options.now ?? (() => new Date()),
  };
}

/** The bucket behind a storage location; credentials from `env` (AWS_ACCESS_KEY_ID/SECRET) when given, else the SDK's chain. */
export function objectStoreFor(location: StorageLocationRecord, env?: NodeJS.ProcessEnv): S3BackupObjectStore | undefined {
  if (location.provider !== 'aws' && !location.provider.endsWith('/aws') && !location.provider.includes('velero-plugin-for-aws')) return undefined;
  const endpoint = location.config.s3Url;
  return S3BackupObjectStore.fromConfig({
    bucket: location.bucket,
    ...(location.prefix ? { prefix: location.prefix } : {}),
    region: location.config.region ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: location.config.s3ForcePathStyle === 'true',
    ...(env?.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } } : {}),
  });
}
