import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PORTS, REGIONS, type LabPaths, regionNet } from './lab-config.js';
import { isRegionLinkUp } from './netns.js';
import { pkiFiles } from './pki.js';
import { apiserverGet, httpGet } from './probes.js';
import type { Supervisor } from './supervisor.js';

export interface Endpoint {
  url: string;
  /** "ok", an HTTP status, or the connection error (ECONNREFUSED, EHOSTUNREACH, timeout). */
  state: string;
  healthy: boolean;
}

export interface RegionStatus {
  region: string;
  context: string;
  link: 'up' | 'down';
  apiserver: Endpoint;
  ingress: Endpoint;
  processes: Record<string, boolean>;
}

export interface LabStatus {
  kubeconfig: string;
  envFile: string;
  regions: RegionStatus[];
  minio: Endpoint;
  powerdns: { dns: string; api: Endpoint };
  /** true when every process runs and every endpoint answers. */
  healthy: boolean;
}

const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'velero', 'ingress'];

export async function labStatus(paths: LabPaths, sup: Supervisor): Promise<LabStatus> {
  const pki = pkiFiles(paths.pki);
  const regions = await Promise.all(REGIONS.map(async (region): Promise<RegionStatus> => {
    const net = regionNet(region);
    const apiUrl = `https://${net.regionIp}:${PORTS.apiserver}/readyz`;
    const ingressUrl = `http://${net.regionIp}:${PORTS.ingress}/`;
    const api = existsSync(pki.caCert) ? await apiserverGet(apiUrl, pki, 1500) : { error: 'no lab PKI' };
    const ing = await httpGet(ingressUrl, 1500);
    const processes = Object.fromEntries(COMPONENTS.map((c) => [c, sup.pid(`${region}-${c}`) !== undefined]));
    return {
      region,
      context: `lab-${region}`,
      link: (await isRegionLinkUp(net)) ? 'up' : 'down',
      apiserver: endpoint(apiUrl, api, (s) => s === 200),
      // 503 is a healthy ingress with no available app replicas behind it.
      ingress: endpoint(ingressUrl, ing, (s) => s === 200 || s === 503),
      processes,
    };
  }));
  const minioUrl = `http://127.0.0.1:${PORTS.minio}/minio/health/ready`;
  const minio = endpoint(minioUrl, await httpGet(minioUrl, 1500), (s) => s === 200);
  const pdnsUrl = `http://127.0.0.1:${PORTS.pdnsApi}/`;
  const pdns = endpoint(pdnsUrl, await httpGet(pdnsUrl, 1500), (s) => s < 500);
  const healthy = minio.healthy && pdns.healthy && regions.every((r) => r.link === 'up' && r.apiserver.healthy && r.ingress.healthy && Object.values(r.processes).every(Boolean));
  return {
    kubeconfig: paths.kubeconfig,
    envFile: join(paths.run, 'lab.env'),
    regions,
    minio,
    powerdns: { dns: `127.0.0.1:${PORTS.pdnsDns}`, api: pdns },
    healthy,
  };
}

function endpoint(url: string, r: { status?: number; error?: string }, ok: (status: number) => boolean): Endpoint {
  if (r.status !== undefined) return { url, state: String(r.status), healthy: ok(r.status) };
  return { url, state: r.error ?? 'unknown', healthy: false };
}
