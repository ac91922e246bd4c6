import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiextensionsV1Api, PatchStrategy, setHeaderOptions, type CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFailure } from '../../src/core/errors.js';
import { applyObjects, parseManifests } from '../../src/lab/kube-apply.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import { ClusterApiCapacity } from '../../src/providers/capacity/cluster-api-capacity.js';
import { KarpenterCapacity } from '../../src/providers/capacity/karpenter-capacity.js';
import { ArgoCdSyncer } from '../../src/providers/gitops/argo-cd-syncer.js';
import { eventually, regionClients } from '../support/lab-client.js';

// ClusterApiCapacity, KarpenterCapacity and ArgoCdSyncer against region-b's real apiserver, with the
// upstream CRDs (scripts/gen-capacity-crds.sh). No Cluster API, Karpenter or Argo CD controller runs in
// the lab, so a loop below plays their part through the API: MachineDeployment status via its status
// subresource, Application status on the object itself (Argo CD's CRD has no status subresource).

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'capacity-crds');
const CRDS = ['cluster.x-k8s.io_machinedeployments.yaml', 'karpenter.sh_nodepools.yaml', 'application-crd.yaml'];
const NS = 'lifeboat-capacity-test';
const ARGO_NS = 'lifeboat-capacity-argocd';
const POOL = 'lifeboat-capacity-test';
const MD = { group: 'cluster.x-k8s.io', version: 'v1beta2', namespace: NS, plural: 'machinedeployments' } as const;
const APP = { group: 'argoproj.io', version: 'v1alpha1', namespace: ARGO_NS, plural: 'applications' } as const;
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const FAIL_MESSAGE = 'one or more synchronization tasks completed unsuccessfully (emulated)';

const { kc, core, custom } = regionClients('region-b');
const extensions = kc.makeApiClient(ApiextensionsV1Api);
const crds = CRDS.flatMap((f) => parseManifests(readFileSync(join(FIXTURES, f), 'utf8')));
const signal = (): AbortSignal => AbortSignal.timeout(60_000);

function machineDeployment(): KubernetesObject {
  const labels = { 'lifeboat.dev/pool': 'pilot-workers' };
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'MachineDeployment', metadata: { name: 'pilot-workers', namespace: NS },
    spec: {
      clusterName: 'pilot', replicas: 0, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { clusterName: 'pilot', bootstrap: { dataSecretName: 'pilot-bootstrap' }, infrastructureRef: { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DockerMachineTemplate', name: 'pilot-workers' } } },
    },
  } as KubernetesObject;
}

function nodePool(): KubernetesObject {
  return {
    apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: POOL },
    spec: { limits: { cpu: '0' }, template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] } } },
  } as KubernetesObject;
}

function application(name: string): KubernetesObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: ARGO_NS },
    spec: { project: 'default', source: { repoURL: 'https://git.example.invalid/platform.git', path: name, targetRevision: 'HEAD' }, destination: { server: 'https://kubernetes.default.svc', namespace: name } },
  } as KubernetesObject;
}

interface Emulated { metadata: { name: string; generation?: number }; spec?: { replicas?: number }; status?: { readyReplicas?: number }; operation?: unknown }

/** Plays the Cluster API and Argo CD controllers until stopped; counts the sync operations it saw. */
class Controllers {
  readonly operations: Record<string, number> = {};
  private stopped = false;
  private readonly seen = new Map<string, number>();
  private loop: Promise<void> | undefined;

  constructor(private readonly api: CustomObjectsApi, private readonly failing: string) {}

  start(): void {
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        await this.tick().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async tick(): Promise<void> {
    const md = (await this.api.getNamespacedCustomObject({ ...MD, name: 'pilot-workers' })) as Emulated;
    await this.machines(md);
    const apps = (await this.api.listNamespacedCustomObject(APP)) as { items: Emulated[] };
    for (const app of apps.items) await this.argo(app);
  }

  /** readyReplicas follows spec.replicas a second after the controller first sees the new generation. */
  private async machines(md: Emulated): Promise<void> {
    const generation = md.metadata.generation ?? 0;
    const firstSeen = this.seen.get(`md/${generation}`) ?? Date.now();
    this.seen.set(`md/${generation}`, firstSeen);
    if (Date.now() - firstSeen < 1000 || md.status?.readyReplicas === md.spec?.replicas) return;
    const replicas = md.spec?.replicas ?? 0;
    await this.api.patchNamespacedCustomObjectStatus({ ...MD, name: md.metadata.name, body: { status: { observedGeneration: generation, replicas, readyReplicas: replicas, availableReplicas: replicas } } }, merge);
  }

  /** An operation on an Application runs for a second, then ends Succeeded (Synced, Healthy) or, for the failing one, Failed. */
  private async argo(app: Emulated): Promise<void> {
    const name = app.metadata.name;
    if (app.operation === undefined || app.operation === null) return;
    const key = `app/${name}/${this.operations[name] ?? 0}`;
    const firstSeen = this.seen.get(key) ?? Date.now();
    this.seen.set(key, firstSeen);
    if (Date.now() - firstSeen < 1000) return;
    this.operations[name] = (this.operations[name] ?? 0) + 1;
    const failed = name === this.failing;
    const now = new Date().toISOString();
    const status = {
      sync: { status: failed ? 'OutOfSync' : 'Synced', revision: 'abc123' },
      health: { status: failed ? 'Missing' : 'Healthy' },
      operationState: { operation: app.operation, phase: failed ? 'Failed' : 'Succeeded', message: failed ? FAIL_MESSAGE : 'successfully synced (all tasks run)', startedAt: now, finishedAt: now },
    };
    await this.api.patchNamespacedCustomObject({ ...APP, name, body: { operation: null, status } }, merge);
  }
}

describe('capacity and GitOps providers against the lab apiserver with the upstream CRDs', () => {
  const controllers = new Controllers(custom, 'payments-broken');
  const clock = new SystemClock();

  beforeAll(async () => {
    await applyObjects(kc, crds);
    for (const crd of crds) {
      await eventually(`CRD ${crd.metadata?.name ?? ''} Established`, async () => {
        const got = await extensions.readCustomResourceDefinition({ name: crd.metadata?.name ?? '' });
        return got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
      }, 60_000);
    }
    for (const name of [NS, ARGO_NS]) await applyObjects(kc, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }]);
    await applyObjects(kc, [machineDeployment(), nodePool(), application('platform-base'), application('payments'), application('payments-broken')]);
    controllers.start();
  }, 180_000);

  afterAll(async () => {
    await controllers.stop();
    for (const name of [NS, ARGO_NS]) await core.deleteNamespace({ name }).catch(() => undefined);
    await custom.deleteClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodepools', name: POOL }).catch(() => undefined);
    for (const name of [NS, ARGO_NS]) {
      await eventually(`namespace ${name} gone`, async () => core.readNamespace({ name }).then(() => false, () => true), 120_000).catch(() => undefined);
    }
    for (const crd of crds) await extensions.deleteCustomResourceDefinition({ name: crd.metadata?.name ?? '' }).catch(() => undefined);
  }, 240_000);

  describe('ClusterApiCapacity', () => {
    const sut = ClusterApiCapacity.fromConfig({ kubeConfig: kc, machineDeployment: { namespace: NS, name: 'pilot-workers', standby: 0, active: 3 }, clock });

    it('patches spec.replicas to the active size and waits until the Machines are ready', async () => {
      const started = Date.now();

      const out = await sut.scale('active', { signal: signal() });

      expect(out).toEqual({ machineDeployment: `${NS}/pilot-workers`, replicas: 3, readyReplicas: 3, patched: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      const md = (await custom.getNamespacedCustomObject({ ...MD, name: 'pilot-workers' })) as Emulated;
      expect(md.spec?.replicas).toBe(3);
    }, 90_000);

    it('does not patch again when the MachineDeployment is already at the active size', async () => {
      const before = (await custom.getNamespacedCustomObject({ ...MD, name: 'pilot-workers' })) as Emulated;

      const out = await sut.scale('active', { signal: signal() });

      const after = (await custom.getNamespacedCustomObject({ ...MD, name: 'pilot-workers' })) as Emulated;
      expect(out).toMatchObject({ replicas: 3, readyReplicas: 3, patched: false });
      expect(after.metadata.generation).toBe(before.metadata.generation);
    }, 90_000);

    it('scales back to standby without waiting for the Machines to go', async () => {
      const out = await sut.scale('standby', { signal: signal() });

      expect(out).toMatchObject({ replicas: 0, patched: true });
      const md = (await custom.getNamespacedCustomObject({ ...MD, name: 'pilot-workers' })) as Emulated;
      expect(md.spec?.replicas).toBe(0);
    }, 90_000);

    it('stops waiting when its signal aborts', async () => {
      const slow = ClusterApiCapacity.fromConfig({ kubeConfig: kc, machineDeployment: { namespace: NS, name: 'pilot-workers', standby: 0, active: 5 }, clock });
      await controllers.stop();

      await expect(slow.scale('active', { signal: AbortSignal.timeout(3000) })).rejects.toThrow();

      controllers.start();
    }, 30_000);

    it('says the MachineDeployment is missing and not retryable', async () => {
      const missing = ClusterApiCapacity.fromConfig({ kubeConfig: kc, machineDeployment: { namespace: NS, name: 'no-such-workers', standby: 0, active: 1 }, clock });

      await expect(missing.scale('active', { signal: signal() })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining(`${NS}/no-such-workers not found`) as unknown });
    });
  });

  describe('KarpenterCapacity', () => {
    const sut = KarpenterCapacity.fromConfig({ kubeConfig: kc, nodePool: { name: POOL, standbyCpu: '0', activeCpu: '64' } });

    it('sets the NodePool limits.cpu to the active CPU, once', async () => {
      const first = await sut.scale('active', { signal: signal() });
      const pool = (await custom.getClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodepools', name: POOL })) as { metadata: { generation: number }; spec: { limits: Record<string, string> } };

      const second = await sut.scale('active', { signal: signal() });

      expect(first).toEqual({ nodePool: POOL, limits: { cpu: '64' }, patched: true });
      expect(pool.spec.limits.cpu).toBe('64');
      expect(second).toEqual({ nodePool: POOL, limits: { cpu: '64' }, patched: false });
      const again = (await custom.getClusterCustomObject({ group: 'karpenter.sh', version: 'v1', plural: 'nodepools', name: POOL })) as { metadata: { generation: number } };
      expect(again.metadata.generation).toBe(pool.metadata.generation);
    });

    it('returns the NodePool to its standby CPU', async () => {
      const out = await sut.scale('standby', { signal: signal() });

      expect(out).toMatchObject({ limits: { cpu: '0' }, patched: true });
    });
  });

  describe('ArgoCdSyncer', () => {
    const sut = ArgoCdSyncer.fromConfig({ kubeConfig: kc, namespace: ARGO_NS, clock });

    it('requests a sync of each OutOfSync Application and waits until each is Synced and Healthy', async () => {
      const out = await sut.sync(['platform-base', 'payments'], { signal: signal() });

      expect(out).toEqual({ namespace: ARGO_NS, applications: ['platform-base', 'payments'], requested: ['platform-base', 'payments'], inFlight: [], alreadySynced: [] });
      expect(controllers.operations).toMatchObject({ 'platform-base': 1, payments: 1 });
      const app = (await custom.getNamespacedCustomObject({ ...APP, name: 'payments' })) as { operation?: unknown; status: { operationState: { phase: string; operation: { initiatedBy: { username: string } } } } };
      expect(app.operation).toBeUndefined();
      expect(app.status.operationState).toMatchObject({ phase: 'Succeeded', operation: { initiatedBy: { username: 'lifeboat' } } });
    }, 90_000);

    it('does not request again when the Applications are already Synced and Healthy', async () => {
      const out = await sut.sync(['platform-base', 'payments'], { signal: signal() });

      expect(out).toMatchObject({ requested: [], inFlight: [], alreadySynced: ['platform-base', 'payments'] });
      expect(controllers.operations).toMatchObject({ 'platform-base': 1, payments: 1 });
    }, 30_000);

    it('waits for an operation already in flight instead of requesting another', async () => {
      await custom.patchNamespacedCustomObject({ ...APP, name: 'platform-base', body: { operation: { initiatedBy: { username: 'someone-else' }, sync: {} }, status: { sync: { status: 'OutOfSync' } } } }, merge);

      const out = await sut.sync(['platform-base'], { signal: signal() });

      expect(out).toMatchObject({ requested: [], inFlight: ['platform-base'], alreadySynced: [] });
      expect(controllers.operations['platform-base']).toBe(2);
      const app = (await custom.getNamespacedCustomObject({ ...APP, name: 'platform-base' })) as { status: { operationState: { operation: { initiatedBy: { username: string } } } } };
      expect(app.status.operationState.operation.initiatedBy.username).toBe('someone-else');
    }, 90_000);

    it("fails without retry, naming the Application and Argo CD's message, when its sync fails", async () => {
      const failure = sut.sync(['payments-broken'], { signal: signal() });

      await expect(failure).rejects.toBeInstanceOf(StepFailure);
      await expect(failure).rejects.toMatchObject({ retryable: false, message: expect.stringContaining(`${ARGO_NS}/payments-broken failed to sync: ${FAIL_MESSAGE}`) as unknown });
      expect(controllers.operations['payments-broken']).toBe(1);
    }, 90_000);
  });
});
