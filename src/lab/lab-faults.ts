import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubeConfigFor } from './kube-apply.js';
import { Lab, REGION_NODES } from './lab.js';
import { PORTS, type RegionName, binaries, labPaths, regionNet, type LabPaths } from './lab-config.js';
import { minioProcess, minioReady } from './minio.js';
import { pkiFiles } from './pki.js';
import { apiserverGet } from './probes.js';
import { regionProcesses } from './region.js';
import { ensureSecrets } from './secrets.js';
import { livePidIn, writePidFile } from './process-identity.js';
import { Supervisor, waitFor } from './supervisor.js';
import { setRegionLink } from './netns.js';
import { kwokNode } from './kwok-nodes.js';

/** The faults the lab injects for real (drills and fault tests); each has a matching clear. */
export const LAB_FAULTS = ['region-unreachable', 'apiserver-down', 'minio-down', 'dns-api-down', 'node-pool-gone', 'namespace-deleted'] as const;
export type LabFault = (typeof LAB_FAULTS)[number];

export interface FaultTarget {
  fault: LabFault;
  /** Which region (region-unreachable, apiserver-down, node-pool-gone, namespace-deleted); ignored for host services. */
  region?: RegionName;
  /** namespace-deleted: which namespace (default production). */
  namespace?: string;
}

/**
 * Real faults in the lab: a region's link down, its kube-apiserver killed, MinIO stopped, the PowerDNS
 * API failing its writes (HTTP 500, while DNS keeps answering), a region's nodes deleted, a namespace deleted. Clearing a fault
 * restarts exactly what it stopped.
 */
export class LabFaults {
  private readonly supervisor: Supervisor;

  constructor(private readonly paths: LabPaths = labPaths()) {
    this.supervisor = new Supervisor(paths.run);
  }

  async inject(t: FaultTarget): Promise<void> {
    const region = t.region ?? 'region-a';
    switch (t.fault) {
      case 'region-unreachable': return setRegionLink(regionNet(region), 'down');
      case 'apiserver-down': return this.supervisor.stop(`${region}-kube-apiserver`);
      case 'minio-down': return this.supervisor.stop('minio');
      case 'dns-api-down': return this.lockDnsDatabase();
      case 'node-pool-gone': return this.deleteNodes(region);
      case 'namespace-deleted': return this.deleteNamespace(region, t.namespace ?? 'production');
    }
  }

  async clear(t: FaultTarget): Promise<void> {
    const region = t.region ?? 'region-a';
    switch (t.fault) {
      case 'region-unreachable': return setRegionLink(regionNet(region), 'up');
      case 'apiserver-down': return this.restartApiserver(region);
      case 'minio-down': return this.restartMinio();
      case 'dns-api-down': return this.unlockDnsDatabase();
      case 'node-pool-gone': return this.recreateNodes(region);
      // A deleted namespace comes back only as the demo platform is seeded again (region-a) or restored.
      case 'namespace-deleted': return region === 'region-a' ? new Lab().seedDemo() : Promise.resolve();
    }
  }

  private async restartApiserver(region: RegionName): Promise<void> {
    const pki = pkiFiles(this.paths.pki);
    const spec = regionProcesses(region, this.paths.run, pki, binaries(this.paths)).processes.find((p) => p.name === `${region}-kube-apiserver`);
    if (!spec) throw new Error(`no kube-apiserver process defined for ${region}`);
    this.supervisor.start(spec);
    const url = `https://${regionNet(region).regionIp}:${PORTS.apiserver}/readyz`;
    await waitFor(`${region} kube-apiserver ready again`, async () => (await apiserverGet(url, pki)).status === 200, 120_000, 500);
  }

  private async restartMinio(): Promise<void> {
    this.supervisor.start(minioProcess(this.paths.run, binaries(this.paths).minio ?? '', ensureSecrets(this.paths.run)));
    await waitFor('MinIO ready again', minioReady, 60_000, 500);
  }

  /**
   * Holds a write lock (BEGIN IMMEDIATE) on PowerDNS's SQLite database from a separate sqlite3 process:
   * the API's record changes fail with HTTP 500 while DNS queries (readers) keep being answered.
   */
  private async lockDnsDatabase(): Promise<void> {
    if (this.lockPid() !== undefined) return;
    // sqlite3 holds the transaction as long as its stdin stays open: a sleeping writer keeps it open.
    const script = `(printf 'BEGIN IMMEDIATE;\\n'; exec sleep 2147483647) | exec sqlite3 "$0"`;
    const child: ChildProcess = spawn('sh', ['-c', script, join(this.paths.run, 'pdns', 'pdns.sqlite3')], { detached: true, stdio: 'ignore' });
    child.unref();
    writePidFile(this.lockFile(), child.pid ?? 0);
    // Give sqlite3 a moment to take the lock before callers rely on it.
    await new Promise((r) => setTimeout(r, 300));
  }

  private async unlockDnsDatabase(): Promise<void> {
    const pid = this.lockPid();
    if (pid !== undefined) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(this.lockFile(), { force: true });
    await new Promise((r) => setTimeout(r, 300));
  }

  private lockFile(): string {
    return join(this.paths.run, 'pids', 'dns-api-fault.pid');
  }

  /** Only the very lock holder the file recorded: after a reboot its pid may belong to anyone. */
  private lockPid(): number | undefined {
    return livePidIn(this.lockFile());
  }

  private async deleteNodes(region: RegionName): Promise<void> {
    const core = kubeConfigFor(this.paths.kubeconfig, `lab-${region}`).makeApiClient(CoreV1Api);
    for (const n of (await core.listNode()).items) await core.deleteNode({ name: n.metadata?.name ?? '' });
  }

  private async deleteNamespace(region: RegionName, namespace: string): Promise<void> {
    const core = kubeConfigFor(this.paths.kubeconfig, `lab-${region}`).makeApiClient(CoreV1Api);
    await core.deleteNamespace({ name: namespace }).catch((e: { code?: number }) => { if (e.code !== 404) throw e; });
  }

  private async recreateNodes(region: RegionName): Promise<void> {
    const core = kubeConfigFor(this.paths.kubeconfig, `lab-${region}`).makeApiClient(CoreV1Api);
    const existing = new Set((await core.listNode()).items.map((n) => n.metadata?.name));
    for (let i = 0; i < REGION_NODES[region]; i++) {
      const node = kwokNode(region, i);
      if (!existing.has(node.metadata?.name)) await core.createNode({ body: node });
    }
  }
}
