import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { applyObjects, kubeConfigFor, parseManifests } from './kube-apply.js';
import { kwokNode } from './kwok-nodes.js';
import { PORTS, REGIONS, type RegionName, binaries, labPaths, readVersions, regionNet, repoRoot, type LabPaths } from './lab-config.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ensureBucket, minioClient, minioProcess, minioReady } from './minio.js';
import { createRegionNetwork, deleteRegionNetwork, setRegionLink } from './netns.js';
import { ensurePki, type LabPki } from './pki.js';
import { ensureZone, powerDnsProcess, powerDnsReady } from './powerdns.js';
import { regionProcesses, type RegionPlan } from './region.js';
import { ensureSecrets, writeLabEnv, type LabSecrets } from './secrets.js';
import { Supervisor, waitFor } from './supervisor.js';
import { installPlugin, veleroCrds, veleroObjects, veleroProcess } from './velero-setup.js';
import { apiserverGet, httpGet } from './probes.js';
import { labStatus, type LabStatus } from './lab-status.js';

export type Progress = (message: string) => void;

export const contextOf = (region: RegionName): string => `lab-${region}`;

/** Nodes each region starts with: the primary runs production, the standby is scaled down to one node. */
export const REGION_NODES: Record<RegionName, number> = { 'region-a': 3, 'region-b': 1 };

/**
 * The local two-region lab: `up` builds what is missing, starts both regions, MinIO and PowerDNS, and
 * seeds the demo platform; every step looks before it acts, so `up` on a running lab only fills gaps.
 */
export class Lab {
  readonly paths: LabPaths;
  readonly supervisor: Supervisor;
  private readonly bin: Record<string, string>;

  constructor(private readonly progress: Progress = () => undefined, paths: LabPaths = labPaths()) {
    this.paths = paths;
    this.supervisor = new Supervisor(paths.run);
    this.bin = binaries(paths);
  }

  /** Builds any missing component with lab/build.sh (cached by version outside the repo). */
  async build(): Promise<void> {
    const missing = Object.entries(this.bin).filter(([, f]) => !existsSync(f)).map(([k]) => k);
    if (missing.length === 0) return;
    this.progress(`building lab components (missing: ${missing.join(', ')}); the first build on a machine takes a while`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('bash', [join(repoRoot, 'lab', 'build.sh')], { stdio: ['ignore', 'inherit', 'pipe'] });
      child.stderr.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) if (line.startsWith('[lab build')) this.progress(line);
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lab/build.sh exited ${code}`))));
    });
  }

  async up(): Promise<LabStatus> {
    await this.build();
    mkdirSync(this.paths.run, { recursive: true });
    const secrets = ensureSecrets(this.paths.run);
    const pki = await ensurePki(this.paths.pki, REGIONS.map((r) => ({ region: r, ip: regionNet(r).regionIp })));
    writeKubeconfig(this.paths.kubeconfig, pki, REGIONS.map((r) => ({ context: contextOf(r), server: `https://${regionNet(r).regionIp}:${PORTS.apiserver}` })));
    writeLabEnv(this.paths.run, this.paths.kubeconfig, secrets);
    await this.startHostServices(secrets);
    await Promise.all(REGIONS.map((r) => this.startRegion(r, pki, secrets)));
    await this.seedDemo();
    return this.status();
  }

  private async startHostServices(s: LabSecrets): Promise<void> {
    this.progress('starting MinIO and PowerDNS');
    this.supervisor.start(minioProcess(this.paths.run, this.bin.minio ?? '', s));
    this.supervisor.start(await powerDnsProcess(this.paths.run, this.bin.pdnsServer ?? '', s));
    await this.waitOrExplain('minio', 'MinIO', minioReady, 60_000);
    await ensureBucket(minioClient(s));
    await this.waitOrExplain('powerdns', 'PowerDNS API', () => powerDnsReady(s), 30_000);
    await ensureZone(s, regionNet('region-a').regionIp);
  }

  private async startRegion(region: RegionName, pki: LabPki, s: LabSecrets): Promise<void> {
    const plan = regionProcesses(region, this.paths.run, pki, this.bin);
    await createRegionNetwork(plan.net);
    writeKubeconfig(plan.internalKubeconfig, pki, [{ context: 'internal', server: `https://127.0.0.1:${PORTS.apiserver}` }]);
    const [etcd, apiserver, ...rest] = plan.processes;
    this.progress(`${region}: starting etcd and kube-apiserver`);
    if (etcd) this.supervisor.start(etcd);
    if (apiserver) this.supervisor.start(apiserver);
    const url = `https://${plan.net.regionIp}:${PORTS.apiserver}/readyz`;
    await this.waitOrExplain(apiserver?.name ?? '', `${region} kube-apiserver`, async () => (await apiserverGet(url, pki)).status === 200, 120_000);
    this.progress(`${region}: starting controller-manager, scheduler, kwok, ingress`);
    for (const p of rest) this.supervisor.start(p);
    const kc = kubeConfigFor(this.paths.kubeconfig, contextOf(region));
    await this.ensureNodes(kc, region);
    await this.startVelero(region, plan, kc, s);
  }

  private async ensureNodes(kc: KubeConfig, region: RegionName): Promise<void> {
    const core = kc.makeApiClient(CoreV1Api);
    const existing = new Set((await core.listNode()).items.map((n) => n.metadata?.name));
    for (let i = 0; i < REGION_NODES[region]; i++) {
      const node = kwokNode(region, i);
      if (!existing.has(node.metadata?.name)) await core.createNode({ body: node });
    }
  }

  private async startVelero(region: RegionName, plan: RegionPlan, kc: KubeConfig, s: LabSecrets): Promise<void> {
    this.progress(`${region}: installing Velero CRDs and starting the Velero server`);
    const crds = await veleroCrds(this.bin.velero ?? '');
    await applyObjects(kc, crds);
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    await waitFor(`${region} Velero CRDs established`, async () => {
      const list = await ext.listCustomResourceDefinition();
      const est = list.items.filter((c) => c.spec.group === 'velero.io' && c.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True'));
      return est.length >= crds.length;
    }, 60_000);
    // Established CRDs can take a moment more to appear in discovery: retry the apply until it lands.
    await waitFor(`${region} Velero namespace and storage location`, async () => {
      await applyObjects(kc, veleroObjects(plan.net, region === 'region-a' ? 'ReadWrite' : 'ReadOnly', readVersions().VELERO_VERSION));
      return true;
    }, 60_000, 1000);
    installPlugin(plan.dir, this.bin.veleroPluginAws ?? '');
    const velero = this.supervisor.start(veleroProcess({ region, net: plan.net, dir: plan.dir }, this.bin, s));
    const custom = kc.makeApiClient(CustomObjectsApi);
    await this.waitOrExplain(`${region}-velero`, `${region} Velero storage location Available (velero pid ${velero})`, async () => {
      const bsl = (await custom.getNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: 'velero', plural: 'backupstoragelocations', name: 'default' })) as { status?: { phase?: string } };
      return bsl.status?.phase === 'Available';
    }, 90_000);
    const ingress = `http://${plan.net.regionIp}:${PORTS.ingress}/`;
    await this.waitOrExplain(`${region}-ingress`, `${region} ingress endpoint`, async () => (await httpGet(ingress, 1000)).status !== undefined, 30_000);
  }

  /** Seeds the demo platform into region-a (server-side apply: idempotent) and waits for its pods. */
  async seedDemo(): Promise<void> {
    this.progress('region-a: seeding the demo platform (production, monitoring, ingress-system)');
    const kc = kubeConfigFor(this.paths.kubeconfig, contextOf('region-a'));
    const objects = parseManifests(readFileSync(join(repoRoot, 'lab', 'manifests', 'demo-platform.yaml'), 'utf8'));
    await waitFor('default service accounts in region-a', async () => {
      await applyObjects(kc, objects);
      return true;
    }, 60_000, 1000);
    const core = kc.makeApiClient(CoreV1Api);
    await waitFor('demo pods Running in region-a', async () => {
      const pods = (await core.listPodForAllNamespaces({ labelSelector: 'app' })).items;
      return pods.length >= 8 && pods.every((p) => p.status?.phase === 'Running');
    }, 120_000, 1000);
  }

  private async waitOrExplain(processName: string, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    try {
      await waitFor(what, check, timeoutMs);
    } catch (err) {
      const log = this.supervisor.tail(processName);
      throw new Error(`${(err as Error).message}\nlast lines of ${this.supervisor.logFile(processName)}:\n${log}`, { cause: err });
    }
  }

  /** Stops every lab process and removes the regions' network namespaces; data stays for a warm `up`. */
  async down(): Promise<void> {
    const names = this.supervisor.known();
    const order = (n: string): number => ['ingress', 'velero', 'kwok', 'scheduler', 'controller-manager', 'apiserver', 'etcd'].findIndex((k) => n.endsWith(k));
    for (const name of names.sort((a, b) => order(a) - order(b))) {
      this.progress(`stopping ${name}`);
      await this.supervisor.stop(name);
    }
    for (const r of REGIONS) await deleteRegionNetwork(regionNet(r));
  }

  /** Makes a region unreachable for real: its only network link goes down (apiserver, ingress, Velero). */
  async fail(region: RegionName): Promise<void> {
    await setRegionLink(regionNet(region), 'down');
  }

  async heal(region: RegionName): Promise<void> {
    await setRegionLink(regionNet(region), 'up');
  }

  /** down, wipe the run state (not the build cache), up. */
  async reset(): Promise<LabStatus> {
    await this.down();
    rmSync(this.paths.run, { recursive: true, force: true });
    return this.up();
  }

  async status(): Promise<LabStatus> {
    return labStatus(this.paths, this.supervisor);
  }
}
