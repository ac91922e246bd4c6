import { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '../core/errors.js';
import type { FailoverPorts } from '../core/runbook/failover/failover-executor.js';
import type { TrafficManager } from '../core/ports/traffic-manager.js';
import type { DRPlan, Region } from '../core/plan/schema.js';
import type { Clock } from '../core/ports/clock.js';
import type { CapacityScaler } from '../core/ports/capacity-scaler.js';
import type { GitOpsSyncer } from '../core/ports/gitops-syncer.js';
import { ClusterApiCapacity } from '../providers/capacity/cluster-api-capacity.js';
import { KarpenterCapacity } from '../providers/capacity/karpenter-capacity.js';
import { ArgoCdSyncer } from '../providers/gitops/argo-cd-syncer.js';
import { FetchHttpProber } from '../providers/http/fetch-http-prober.js';
import { KubernetesClusterOperator } from '../providers/kubernetes/kubernetes-cluster-operator.js';
import { PowerDnsTrafficManager } from '../providers/traffic/powerdns-traffic-manager.js';
import { VeleroBackupRestorer } from '../providers/velero/velero-backup-restorer.js';
import { VeleroBackupTrigger } from '../providers/velero/velero-backup-trigger.js';
import { notificationChannels } from './notification-channels.js';
import { planNotifier } from './notifiers.js';
import { saasTrafficManagers } from './saas-traffic-managers.js';
import { resolveSecretRef } from './secret-ref.js';

export interface ConnectOptions {
  /** --kubeconfig: overrides each region's kubeconfig and $KUBECONFIG. */
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
}

/** A KubeConfig for one region: its file (flag, region field, $KUBECONFIG, ~/.kube/config) and context. */
export function kubeConfigForRegion(region: Region, options: ConnectOptions): KubeConfig {
  const kc = new KubeConfig();
  const file = options.kubeconfig ?? region.kubeconfig;
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (cause) {
    throw new InputError([{ path: `spec.regions[${region.name}].kubeconfig`, message: `cannot load kubeconfig ${file ?? '(default)'}` }], { cause });
  }
  if (!kc.getContexts().some((c) => c.name === region.context)) {
    throw new InputError([{ path: `spec.regions[${region.name}].context`, message: `context "${region.context}" is not in the kubeconfig` }]);
  }
  kc.setCurrentContext(region.context);
  return kc;
}

/** The plan's DNS provider as a TrafficManager: PowerDNS, Route 53 or Cloudflare. */
export function trafficManagerFor(plan: DRPlan, env: NodeJS.ProcessEnv = process.env): TrafficManager {
  const t = plan.spec.traffic;
  if (t.provider === 'none') throw new InputError([{ path: 'spec.traffic.provider', message: 'traffic provider "none" cannot move traffic: choose powerdns, route53 or cloudflare' }]);
  if (t.provider !== 'powerdns') {
    if (!t.credentials) throw new InputError([{ path: 'spec.traffic.credentials', message: `${t.provider} needs its credentials as a secret reference, e.g. env:DNS_CREDENTIALS` }]);
    return saasTrafficManagers[t.provider]({ ...t, credentials: t.credentials }, env);
  }
  if (!t.endpoint) throw new InputError([{ path: 'spec.traffic.endpoint', message: 'powerdns needs its API endpoint, e.g. http://127.0.0.1:8081' }]);
  if (!t.credentials) throw new InputError([{ path: 'spec.traffic.credentials', message: 'powerdns needs its API key as a secret reference, e.g. env:PDNS_API_KEY' }]);
  return PowerDnsTrafficManager.fromConfig({ endpoint: t.endpoint, apiKey: resolveSecretRef(t.credentials, 'spec.traffic.credentials', env), zone: t.zone, record: t.record, type: t.type });
}

/**
 * The plan's worker capacity in one region, through that region's context: a Cluster API
 * MachineDeployment (the context must reach its management cluster) or a Karpenter NodePool;
 * undefined for deployment-replicas (scaled through the cluster operator) and none.
 */
export function capacityScalerFor(plan: DRPlan, kubeConfig: KubeConfig, clock: Clock): CapacityScaler | undefined {
  const cap = plan.spec.capacity;
  if (cap.type === 'cluster-api') return ClusterApiCapacity.fromConfig({ kubeConfig, machineDeployment: cap.machineDeployment, clock });
  if (cap.type === 'karpenter') return KarpenterCapacity.fromConfig({ kubeConfig, nodePool: cap.nodePool });
  return undefined;
}

/** The region's Argo CD when the plan syncs through GitOps (spec.gitops). */
export function gitopsSyncerFor(plan: DRPlan, kubeConfig: KubeConfig, clock: Clock): GitOpsSyncer | undefined {
  const argocd = plan.spec.gitops?.argocd;
  return argocd ? ArgoCdSyncer.fromConfig({ kubeConfig, namespace: argocd.namespace, clock }) : undefined;
}

/** Connects every port a failover of this plan needs. */
export function failoverPorts(plan: DRPlan, clock: Clock, options: ConnectOptions = {}): FailoverPorts {
  const clusters: FailoverPorts['clusters'] = {};
  const restorers: FailoverPorts['restorers'] = {};
  const backups: Record<string, VeleroBackupTrigger> = {};
  const capacity: Record<string, CapacityScaler> = {};
  const gitops: Record<string, GitOpsSyncer> = {};
  for (const region of plan.spec.regions) {
    const kubeConfig = kubeConfigForRegion(region, options);
    const scaler = capacityScalerFor(plan, kubeConfig, clock);
    if (scaler) capacity[region.name] = scaler;
    const syncer = gitopsSyncerFor(plan, kubeConfig, clock);
    if (syncer) gitops[region.name] = syncer;
    (clusters as Record<string, KubernetesClusterOperator>)[region.name] = KubernetesClusterOperator.fromConfig({ kubeConfig, region: region.name });
    (restorers as Record<string, VeleroBackupRestorer>)[region.name] = VeleroBackupRestorer.fromConfig({ kubeConfig, veleroNamespace: region.veleroNamespace });
    backups[region.name] = VeleroBackupTrigger.fromConfig({ kubeConfig, veleroNamespace: region.veleroNamespace });
  }
  const probers = plan.spec.trigger.vantagePoints.filter((v) => v.type === 'http' && !v.via).map((v) => FetchHttpProber.fromConfig({ vantagePoint: v.name }));
  const ports: FailoverPorts = { clusters, restorers, backups, capacity, gitops, traffic: trafficManagerFor(plan, options.env), probers: probers.length > 0 ? probers : [FetchHttpProber.fromConfig()], clock };
  // Channels read their secrets when they send: a channel's missing secret fails that channel, not the failover.
  return plan.spec.notifications.length > 0 ? { ...ports, notify: planNotifier(plan, notificationChannels(plan, options.env)) } : ports;
}
