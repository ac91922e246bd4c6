import { StepFailure } from '../../errors.js';
import { Duration } from '../../objectives/duration.js';
import type { BackupRestorer, RestoreState } from '../../ports/backup-restorer.js';
import type { BackupTaker } from '../../ports/backup-taker.js';
import type { CapacityScaler } from '../../ports/capacity-scaler.js';
import type { Clock } from '../../ports/clock.js';
import type { ClusterOperator } from '../../ports/cluster-operator.js';
import type { GitOpsSyncer } from '../../ports/gitops-syncer.js';
import type { HttpProber } from '../../ports/http-prober.js';
import type { RunNotifier } from '../../ports/run-notifier.js';
import type { StepContext, StepExecutor } from '../../ports/step-executor.js';
import type { TrafficManager } from '../../ports/traffic-manager.js';
import type { DRPlan } from '../../plan/schema.js';
import type { Json } from '../json.js';
import type { StepNode } from '../runbook.js';
import { clusterOf, regionOf } from './lookup.js';
import type { FailoverAction } from './failover-runbook.js';
import { fenceRegion } from './fence.js';
import { looksDown, regionHealth } from '../../trigger/region-health.js';
import { notifyStep } from './notify-step.js';
import { ingressTarget, probeWindow } from './probe-window.js';

/** The outside systems a failover acts on, by port. */
export interface FailoverPorts {
  clusters: Readonly<Record<string, ClusterOperator>>;
  /** Velero in each region, by region name (the standby's restores; its catalog is synced from the bucket). */
  restorers: Readonly<Record<string, BackupRestorer>>;
  traffic: TrafficManager;
  probers: readonly HttpProber[];
  clock: Clock;
  /** Velero in each region for taking backups (failback backs up the region that served). */
  backups?: Readonly<Record<string, BackupTaker>>;
  /** Tells the plan's channels about the run; absent = none can be reached (the notify step reports them failed). */
  notify?: RunNotifier;
  /** Worker capacity (Cluster API, Karpenter) by region name; deployment-replicas scales through `clusters`. */
  capacity?: Readonly<Record<string, CapacityScaler>>;
  /** Argo CD in each region, by region name (spec.gitops). */
  gitops?: Readonly<Record<string, GitOpsSyncer>>;
}

type Handler<A extends FailoverAction['action']> = (input: Extract<FailoverAction, { action: A }>, ctx: StepContext) => Promise<Json>;

const POLL = Duration.seconds(1);

/**
 * Executes failover steps against the plan's regions. Every step looks before it acts: a Restore that
 * exists is found by its deterministic name, a record already pointing at the standby is left alone,
 * a fenced namespace is not fenced twice. Waiting steps poll until their budget's AbortSignal fires.
 */
export class FailoverExecutor implements StepExecutor {
  private readonly handlers: { [A in FailoverAction['action']]: Handler<A> };

  constructor(private readonly plan: DRPlan, private readonly ports: FailoverPorts) {
    this.handlers = {
      'confirm-outage': (i) => this.confirmOutage(i.region),
      fence: (i) => this.fence(i.region, i.namespaces),
      'scale-capacity': (i, ctx) => this.scaleCapacity(i.region, i.target, ctx),
      'gitops-sync': (i, ctx) => this.gitopsSync(i.region, i.applications, ctx),
      restore: (i, ctx) => this.restore(i.region, i.namespace, ctx),
      'verify-workloads': (i, ctx) => this.verifyWorkloads(i.region, i.namespaces, ctx),
      'switch-traffic': (i) => this.switchTraffic(i.to),
      'verify-traffic': (i, ctx) => this.verifyTraffic(i.region, ctx),
      watch: (i, ctx) => this.watch(i.region, i.windowSeconds, ctx),
      notify: (i, ctx) => notifyStep({ plan: this.plan, notifier: this.ports.notify, clock: this.ports.clock }, i, ctx),
    };
  }

  async execute(step: StepNode, ctx: StepContext): Promise<Json> {
    const input = step.input as FailoverAction | undefined;
    const handler = input ? (this.handlers[input.action] as Handler<FailoverAction['action']> | undefined) : undefined;
    if (!input || !handler) throw new StepFailure(step.id, `no failover action for input ${JSON.stringify(step.input)}`);
    return handler(input, ctx);
  }

  compensate(step: StepNode & { compensate: string }): Promise<void> {
    return Promise.reject(new StepFailure(step.id, `no compensation named ${step.compensate}`));
  }

  private region(name: string): DRPlan['spec']['regions'][number] {
    return regionOf(this.plan, name);
  }

  private cluster(name: string): ClusterOperator {
    return clusterOf(this.ports.clusters, name);
  }

  /** Counts failing checks (apiserver + health endpoints, from every vantage point) against the trigger. */
  private async confirmOutage(regionName: string): Promise<Json> {
    const h = await regionHealth({ region: this.region(regionName), cluster: this.cluster(regionName), probers: this.ports.probers, now: () => this.ports.clock.now() });
    if (!looksDown(this.plan, h)) {
      const needed = Math.min(this.plan.spec.trigger.failingChecks, h.total);
      throw new StepFailure('confirm-outage', `${regionName} looks healthy (${h.failing} of ${h.total} checks fail, ${needed} needed): refusing to fail over`);
    }
    return { region: regionName, failing: h.failing, total: h.total, confirmedAt: h.at.toISOString(), checks: h.checks };
  }

  /**
   * A reachable old primary is fenced for real: its protected workloads go to 0 and its storage location
   * to ReadOnly. An unreachable one cannot be touched now; the DNS switch keeps traffic away and the
   * result says fencing is owed when it returns (failback refuses to proceed until it is done).
   */
  private async fence(regionName: string, namespaces: string[]): Promise<Json> {
    const cluster = this.cluster(regionName);
    if (!(await cluster.isReachable(3000))) return { region: regionName, reachable: false, fencedNamespaces: [], owed: true };
    return fenceRegion(this.plan, this.region(regionName), cluster, namespaces);
  }

  private async scaleCapacity(regionName: string, target: 'active' | 'standby', ctx: StepContext): Promise<Json> {
    const cap = this.plan.spec.capacity;
    if (cap.type === 'cluster-api' || cap.type === 'karpenter') {
      const scaler = this.ports.capacity?.[regionName];
      if (!scaler) throw new StepFailure('scale-capacity', `no ${cap.type} connection for region ${regionName}`);
      return { region: regionName, ...(await scaler.scale(target, { signal: ctx.signal }) as Record<string, Json>) };
    }
    if (cap.type !== 'deployment-replicas') throw new StepFailure('scale-capacity', 'capacity type none has nothing to scale');
    const cluster = this.cluster(regionName);
    const scaled = [];
    for (const d of cap.deployments) {
      await cluster.scaleDeployment(d.namespace, d.name, d[target]);
      scaled.push(`${d.namespace}/${d.name}=${d[target]}`);
    }
    return { region: regionName, scaled };
  }

  private async gitopsSync(regionName: string, applications: string[], ctx: StepContext): Promise<Json> {
    const syncer = this.ports.gitops?.[regionName];
    if (!syncer) throw new StepFailure('gitops-sync', `no Argo CD connection for region ${regionName}`);
    return { region: regionName, ...(await syncer.sync(applications, { signal: ctx.signal }) as Record<string, Json>) };
  }

  private async restore(regionName: string, namespace: string, ctx: StepContext): Promise<Json> {
    const restorer = this.ports.restorers[regionName];
    if (!restorer) throw new StepFailure(`restore-${namespace}`, `no Velero connection for region ${regionName}`);
    const acceptPartiallyFailed = false;
    const backup = await restorer.newestRestorableBackup(namespace, { acceptPartiallyFailed });
    if (!backup) throw new StepFailure(`restore-${namespace}`, `no Completed backup holds namespace ${namespace} in ${regionName}'s catalog: check the schedule and that the standby's Velero syncs the bucket`);
    const name = await restoreAttemptName(restorer, restoreName(ctx.runId, namespace), ctx.attempt);
    let state = await restorer.ensureRestore({ name, backup: backup.name, namespace, labels: { 'lifeboat.dev/run': ctx.runId.slice(0, 63) } });
    while (!['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(state.phase)) {
      await this.ports.clock.sleep(POLL, ctx.signal);
      state = (await restorer.restoreState(name)) ?? state;
    }
    if (state.phase !== 'Completed') {
      const why = state.validationErrors.length > 0 ? `: ${state.validationErrors.join('; ')}` : ` with ${state.errors} error(s)`;
      throw Object.assign(new StepFailure(`restore-${namespace}`, `Velero restore ${name} of backup ${backup.name} ended ${state.phase}${why}; inspect it with: velero restore describe ${name} --details`), { retryable: isWorthRetrying(state) });
    }
    return { namespace, backup: backup.name, backupStartedAt: backup.startedAt.toISOString(), backupCompletedAt: backup.completedAt.toISOString(), restore: name, warnings: state.warnings };
  }

  private async verifyWorkloads(regionName: string, namespaces: string[], ctx: StepContext): Promise<Json> {
    const cluster = this.cluster(regionName);
    for (;;) {
      const states = await Promise.all(namespaces.map((ns) => cluster.workloadReadiness(ns)));
      const waiting = states.filter((s) => s.notReady.length > 0 || s.deployments === 0);
      if (waiting.length === 0) return { region: regionName, namespaces: states.map((s) => ({ namespace: s.namespace, deployments: s.deployments })) };
      await this.ports.clock.sleep(POLL, ctx.signal);
    }
  }

  private async switchTraffic(to: string[]): Promise<Json> {
    const ttl = this.plan.spec.traffic.ttl;
    const before = await this.ports.traffic.current();
    const already = before && before.weights === undefined && sameSet(before.targets, to);
    if (!already) await this.ports.traffic.pointTo(to, ttl);
    return { record: this.plan.spec.traffic.record, before: before?.targets ?? [], after: to, changed: !already, switchedAt: this.ports.clock.now().toISOString() };
  }

  private async verifyTraffic(regionName: string, ctx: StepContext): Promise<Json> {
    const target = ingressTarget(this.plan, regionName);
    const address = this.region(regionName).ingress.address;
    for (;;) {
      const record = await this.ports.traffic.current();
      const probe = await this.firstProber().probe(target.url, { host: target.host, timeoutMs: 3000, signal: ctx.signal });
      if (record?.targets.includes(address) && probe.ok) return { record: record.targets, ingress: target.url, status: probe.status ?? 0, verifiedAt: this.ports.clock.now().toISOString() };
      await this.ports.clock.sleep(POLL, ctx.signal);
    }
  }

  private firstProber(): HttpProber {
    const p = this.ports.probers[0];
    if (!p) throw new StepFailure('probe', 'no vantage point to probe from');
    return p;
  }

  /** Probes the new primary's ingress for the window; fails when more than 5% of probes fail. */
  private async watch(regionName: string, windowSeconds: number, ctx: StepContext): Promise<Json> {
    const { probes, failures } = await probeWindow({ prober: this.firstProber(), clock: this.ports.clock, target: ingressTarget(this.plan, regionName) }, windowSeconds, ctx.signal);
    const errorRate = probes === 0 ? 0 : failures / probes;
    if (errorRate > 0.05) throw new StepFailure('watch', `error rate ${(errorRate * 100).toFixed(1)}% over ${windowSeconds}s (${failures}/${probes} probes failed)`);
    return { windowSeconds, probes, failures, errorRate };
  }
}

/**
 * The Restore's name: the same on every attempt of this run (a re-run finds it), different across runs.
 * `lifeboat-<8 hex of the run id>-<namespace>`, within Kubernetes' 63 characters.
 */
const ENDED_BADLY = ['PartiallyFailed', 'Failed', 'FailedValidation'];

/** Velero's validation error while the storage location is Unavailable (object storage down a moment). */
const LOCATION_UNAVAILABLE = /^The BSL \S+ is unavailable/;

/**
 * A restore cut short by its cluster (apiserver restarting under Velero) may succeed when made again, and
 * so may one refused only because the storage location was Unavailable: Velero validates it again every
 * few seconds. Any other spec Velero refuses (FailedValidation) will be refused again.
 */
function isWorthRetrying(state: RestoreState): boolean {
  if (state.phase !== 'FailedValidation') return true;
  return state.validationErrors.length > 0 && state.validationErrors.every((e) => LOCATION_UNAVAILABLE.test(e));
}

/**
 * The Restore this attempt works on. Look before you act: the newest Restore an earlier attempt made
 * is reused while it runs or once it completed (a retry after an API error, a resume after a crash);
 * only when it ended badly does this attempt make a new one, named `<base>-a<attempt>`, so every
 * attempt's Restore is found again by its name.
 */
export async function restoreAttemptName(restorer: BackupRestorer, base: string, attempt: number): Promise<string> {
  const named = (a: number): string => (a <= 1 ? base : `${base.slice(0, 58)}-a${a}`);
  for (let a = attempt; a >= 1; a--) {
    const existing = await restorer.restoreState(named(a));
    if (existing) return ENDED_BADLY.includes(existing.phase) && a < attempt ? named(attempt) : named(a);
  }
  return named(1);
}

export function restoreName(runId: string, namespace: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < runId.length; i++) h = Math.imul(h ^ runId.charCodeAt(i), 0x01000193) >>> 0;
  return `lifeboat-${h.toString(16).padStart(8, '0')}-${namespace}`.slice(0, 63).replace(/-+$/, '');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

