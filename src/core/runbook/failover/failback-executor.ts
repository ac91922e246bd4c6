import { StepFailure } from '../../errors.js';
import { Duration } from '../../objectives/duration.js';
import type { BackupState, BackupTaker } from '../../ports/backup-taker.js';
import type { ClusterOperator } from '../../ports/cluster-operator.js';
import type { CompensationContext, StepContext, StepExecutor } from '../../ports/step-executor.js';
import type { DRPlan, Region } from '../../plan/schema.js';
import { formatGoDuration } from '../../report/go-duration.js';
import type { Json } from '../json.js';
import type { StepNode } from '../runbook.js';
import { clusterOf, regionOf } from './lookup.js';
import type { FailbackAction } from './failback-runbook.js';
import { FailoverExecutor, restoreName, type FailoverPorts } from './failover-executor.js';
import { planStorageLocations } from './fence.js';
import { ingressTarget, probeWindow } from './probe-window.js';

const POLL = Duration.seconds(1);
type Handler = (input: FailbackAction, ctx: StepContext) => Promise<Json>;

/**
 * Executes failback steps: its own (confirm the primary is back, back up the serving standby, clear the
 * primary's stale namespaces, weighted traffic shifts and health checks, storage location modes) and,
 * for the rest (restore, verify, scale, notify), the failover executor's. The `traffic-back`
 * compensation points all traffic at the standby again when a later health check fails.
 */
export class FailbackExecutor implements StepExecutor {
  private readonly failover: FailoverExecutor;
  private readonly handlers: Record<FailbackAction['action'], Handler>;

  constructor(private readonly plan: DRPlan, private readonly ports: FailoverPorts) {
    this.failover = new FailoverExecutor(plan, ports);
    this.handlers = {
      'confirm-recovered': (i) => this.confirmRecovered(i as Extract<FailbackAction, { action: 'confirm-recovered' }>),
      'backup-region': (i, ctx) => this.backupRegion(i as Extract<FailbackAction, { action: 'backup-region' }>, ctx),
      'prepare-region': (i, ctx) => this.prepareRegion(i as Extract<FailbackAction, { action: 'prepare-region' }>, ctx),
      'shift-traffic': (i) => this.shift(i as Extract<FailbackAction, { action: 'shift-traffic' }>),
      'check-health': (i, ctx) => this.checkHealth(i as Extract<FailbackAction, { action: 'check-health' }>, ctx),
      'set-storage-access': (i) => this.storageAccess(i as Extract<FailbackAction, { action: 'set-storage-access' }>),
    };
  }

  execute(step: StepNode, ctx: StepContext): Promise<Json> {
    const input = step.input as { action?: string } | undefined;
    const own = input?.action ? this.handlers[input.action as FailbackAction['action']] : undefined;
    return own ? own(input as FailbackAction, ctx) : this.failover.execute(step, ctx);
  }

  async compensate(step: StepNode & { compensate: string }, _ctx: CompensationContext): Promise<void> {
    const input = step.input as Extract<FailbackAction, { action: 'shift-traffic' }> | undefined;
    if (step.compensate !== 'traffic-back' || !input?.back) throw new StepFailure(step.id, `no compensation named ${step.compensate}`);
    await this.ports.traffic.pointTo([input.back], this.plan.spec.traffic.ttl);
  }

  private region(name: string): Region {
    return regionOf(this.plan, name);
  }

  private cluster(name: string): ClusterOperator {
    return clusterOf(this.ports.clusters, name);
  }

  private async confirmRecovered(i: { region: string }): Promise<Json> {
    if (!(await this.cluster(i.region).isReachable(3000))) throw new StepFailure('confirm-recovered', `${i.region}'s apiserver does not answer: it has not recovered`);
    return { region: i.region, reachableAt: this.ports.clock.now().toISOString() };
  }

  /** Backs up the serving region: its storage location must write, so it is switched to ReadWrite first. */
  private async backupRegion(i: { region: string; namespaces: string[] }, ctx: StepContext): Promise<Json> {
    const taker = this.ports.backups?.[i.region];
    if (!taker) throw new StepFailure('backup-standby', `no Velero connection to take backups in ${i.region}`);
    const region = this.region(i.region);
    const { location, ttl } = this.backupTarget();
    await this.cluster(i.region).setStorageLocationAccess(region.veleroNamespace, location, 'ReadWrite');
    const name = restoreName(ctx.runId, 'failback').replace(/^lifeboat-/, 'lifeboat-backup-');
    const state = await this.settled(taker, await taker.ensureBackup({ name, namespaces: i.namespaces, storageLocation: location, ttl, labels: { 'lifeboat.dev/run': ctx.runId.slice(0, 63) } }), ctx);
    if (state.phase !== 'Completed') throw Object.assign(new StepFailure('backup-standby', `backup ${name} in ${i.region} ended ${state.phase} (${state.errors} errors)`), { retryable: false });
    await this.waitForCatalog(name, i.namespaces[0] ?? '', ctx);
    return { region: i.region, backup: name, startedAt: state.startedAt ?? '', completedAt: state.completedAt ?? '' };
  }

  /** Where failback's backup goes and how long it is kept: the plan's first schedule's settings. */
  private backupTarget(): { location: string; ttl: string } {
    const first = this.plan.spec.backup.schedules[0];
    return { location: first?.storageLocation ?? 'default', ttl: formatGoDuration(first?.ttl ?? Duration.hours(720)) };
  }

  private async settled(taker: BackupTaker, first: BackupState, ctx: StepContext): Promise<BackupState> {
    let state = first;
    while (!['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(state.phase)) {
      await this.ports.clock.sleep(POLL, ctx.signal);
      state = (await taker.backupState(state.name)) ?? state;
    }
    return state;
  }

  /** Waits until the recovered primary's Velero has synced the new backup from the bucket. */
  private async waitForCatalog(backup: string, namespace: string, ctx: StepContext): Promise<void> {
    const primary = Object.keys(this.ports.restorers).find((r) => this.region(r).role === 'primary');
    const restorer = primary ? this.ports.restorers[primary] : undefined;
    if (!restorer) return;
    while ((await restorer.newestRestorableBackup(namespace, { acceptPartiallyFailed: false }))?.name !== backup) {
      await this.ports.clock.sleep(POLL, ctx.signal);
    }
  }

  /** Deletes the primary's stale copies (fenced at failover) and waits until they are gone. */
  private async prepareRegion(i: { region: string; namespaces: string[] }, ctx: StepContext): Promise<Json> {
    const cluster = this.cluster(i.region);
    for (const ns of i.namespaces) await cluster.deleteNamespace(ns);
    for (const ns of i.namespaces) {
      while (await cluster.namespaceExists(ns)) await this.ports.clock.sleep(POLL, ctx.signal);
    }
    return { region: i.region, removed: i.namespaces };
  }

  private async shift(i: { weights: Record<string, number> }): Promise<Json> {
    await this.ports.traffic.weigh(i.weights, this.plan.spec.traffic.ttl);
    return { weights: i.weights, shiftedAt: this.ports.clock.now().toISOString() };
  }

  private async checkHealth(i: { region: string; windowSeconds: number; maxErrorRate: number }, ctx: StepContext): Promise<Json> {
    const prober = this.ports.probers[0];
    if (!prober) throw new StepFailure('check-health', 'no vantage point to probe from');
    const { probes, failures } = await probeWindow({ prober, clock: this.ports.clock, target: ingressTarget(this.plan, i.region) }, i.windowSeconds, ctx.signal);
    const rate = probes === 0 ? 1 : failures / probes;
    if (rate > i.maxErrorRate) throw Object.assign(new StepFailure('check-health', `${i.region} failed its health gate: ${failures}/${probes} probes failed over ${i.windowSeconds}s`), { retryable: false });
    return { region: i.region, probes, failures, errorRate: rate };
  }

  private async storageAccess(i: { region: string; mode: 'ReadWrite' | 'ReadOnly' }): Promise<Json> {
    const r = this.region(i.region);
    for (const l of planStorageLocations(this.plan)) await this.cluster(i.region).setStorageLocationAccess(r.veleroNamespace, l, i.mode);
    // Schedules write to the bucket: they run only where the storage location writes.
    const changedSchedules = await this.cluster(i.region).pauseSchedules(r.veleroNamespace, i.mode === 'ReadOnly');
    return { region: i.region, mode: i.mode, changedSchedules };
  }
}
