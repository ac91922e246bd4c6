import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository lives (lab/ scripts, versions.env). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Names of the two lab regions, in failover order. */
export const REGIONS = ['region-a', 'region-b'] as const;
export type RegionName = (typeof REGIONS)[number];

/** Network layout: each region is a network namespace joined to the host by a veth pair. */
export interface RegionNet {
  region: RegionName;
  netns: string;
  hostIf: string;
  nsIf: string;
  /** Address of the host end (what the region sees as MinIO's address). */
  hostIp: string;
  /** Address of the region end (apiserver, ingress). */
  regionIp: string;
}

export function regionNet(region: RegionName): RegionNet {
  const n = region === 'region-a' ? 1 : 2;
  const s = region === 'region-a' ? 'a' : 'b';
  return { region, netns: `lb-${region}`, hostIf: `lb-${s}-host`, nsIf: `lb-${s}-ns`, hostIp: `10.213.${n}.1`, regionIp: `10.213.${n}.2` };
}

/** The lab's reserved range: routed to nowhere when a region's link is down, so nothing leaves the machine. */
export const LAB_CIDR = '10.213.0.0/16';

export const PORTS = {
  apiserver: 6443,
  // Velero binds :8080 (controller-runtime metrics) in each region, so the ingress serves on :80.
  ingress: 80,
  minio: 9000,
  minioConsole: 9001,
  pdnsDns: 5300,
  pdnsApi: 8081,
} as const;

export interface LabPaths {
  cache: string;
  run: string;
  kubeconfig: string;
  logs: string;
  pki: string;
}

/** Build cache and run state live outside the repository, keyed by version (see lab/build.sh). */
export function labPaths(env: NodeJS.ProcessEnv = process.env): LabPaths {
  const cache = join(env.LIFEBOAT_CACHE ?? join(homedir(), '.cache', 'lifeboat'), 'lab');
  const run = env.LIFEBOAT_LAB_DIR ?? join(cache, 'run');
  return { cache, run, kubeconfig: join(run, 'kubeconfig'), logs: join(run, 'logs'), pki: join(run, 'pki') };
}

export type Versions = Record<'ETCD_VERSION' | 'KUBE_VERSION' | 'KWOK_VERSION' | 'VELERO_VERSION' | 'VELERO_AWS_PLUGIN_VERSION' | 'MINIO_VERSION', string>;

/** The pinned versions from lab/versions.env. */
export function readVersions(): Versions {
  const text = readFileSync(join(repoRoot, 'lab', 'versions.env'), 'utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(\S+)/.exec(line);
    if (m?.[1] && m[2]) out[m[1]] = m[2];
  }
  return out as Versions;
}

/** Absolute paths of the lab's binaries in the build cache. */
export function binaries(paths: LabPaths = labPaths(), v: Versions = readVersions()): Record<string, string> {
  const bin = (component: string, version: string, name: string): string => join(paths.cache, `${component}-${version}`, 'bin', name);
  return {
    etcd: bin('etcd', v.ETCD_VERSION, 'etcd'),
    etcdctl: bin('etcd', v.ETCD_VERSION, 'etcdctl'),
    kubeApiserver: bin('kube', v.KUBE_VERSION, 'kube-apiserver'),
    kubeControllerManager: bin('kube', v.KUBE_VERSION, 'kube-controller-manager'),
    kubeScheduler: bin('kube', v.KUBE_VERSION, 'kube-scheduler'),
    kubectl: bin('kube', v.KUBE_VERSION, 'kubectl'),
    kwok: bin('kwok', v.KWOK_VERSION, 'kwok'),
    velero: bin('velero', v.VELERO_VERSION, 'velero'),
    veleroPluginAws: bin('velero', v.VELERO_VERSION, 'velero-plugin-for-aws'),
    minio: bin('minio', v.MINIO_VERSION, 'minio'),
    pdnsServer: '/usr/sbin/pdns_server',
  };
}
