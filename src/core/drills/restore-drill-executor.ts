import { StepFailure } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import type { BackupObjectStore } from '../ports/backup-object-store.js';
import type { StepContext, StepExecutor, CompensationContext } from '../ports/step-executor.js';
import type { DRPlan } from '../plan/schema.js';
import type { Json } from '../runbook/json.js';
import type { StepNode } from '../runbook/runbook.js';
import type { FailoverPorts } from '../runbook/failover/failover-executor.js';
import { clusterOf } from '../runbook/failover/lookup.js';
import { ingressTarget } from '../runbook/failover/probe-window.js';
import { SCRATCH_PREFIX, type RestoreDrillAction } from './restore-drill-runbook.js';
import { runSmokeChecks, smokeChecksFor } from './smoke-checks.js';

const POLL = Duration.seconds(1);
const TERMINAL = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

export interface RestoreDrillPorts extends Pick<FailoverPorts, 'clusters' | 'restorers' | 'probers' | 'clock'> {
  /** The bucket, to count what the backup really holds of the namespace (absent: counts are not compared). */
  objectStore?: BackupObjectStore;
}

/** Counts a resource list's items that live in a namespace (`namespace/name` entries). */
export function itemsInNamespace(list: Record<string, string[]>, namespace: string): number {
  return Object.values(list).flat().filter((item) => item.startsWith(`${namespace}/`)).length;
}

/**
 * Executes a component drill's steps against the standby. Every step looks before it acts: the Restore
 * has a deterministic name, a scratch namespace already gone is not deleted twice.
 */
export class RestoreDrillExecutor implements StepExecutor {
  constructor(private readonly plan: DRPlan, private readonly ports: RestoreDrillPorts) {}

  async execute(step: StepNode, ctx: StepContext): Promise<Json> {
    const a = step.input as RestoreDrillAction | undefined;
    switch (a?.action) {
      case 'clean-stale': return this.cleanStale(a.region, a.keep);
      case 'find-backup': return this.findBackup(a.region, a.namespace);
      case 'restore-scratch': return this.restore(a, ctx);
      case 'verify-scratch': return this.verify(a.region, a.scratch, ctx);
      case 'smoke-checks': return this.smoke(a, ctx);
      case 'cleanup': return this.deleteScratch(a.region, a.scratch, ctx.signal);
      default: throw new StepFailure(step.id, `no component-drill action for input ${JSON.stringify(step.input)}`);
    }
  }

  async compensate(step: StepNode & { compensate: string }, ctx: CompensationContext): Promise<void> {
    const a = step.input as RestoreDrillAction | undefined;
    if (step.compensate !== 'delete-scratch' || a?.action !== 'restore-scratch') throw new StepFailure(step.id, `no compensation named ${step.compensate}`);
    await this.deleteScratch(a.region, a.scratch, ctx.signal);
  }

  private async cleanStale(region: string, keep: string): Promise<Json> {
    const cluster = clusterOf(this.ports.clusters, region);
    const stale = (await cluster.namespacesNamed(SCRATCH_PREFIX)).filter((n) => n !== keep);
    for (const ns of stale) await cluster.deleteNamespace(ns);
    return { deleted: stale };
  }

  private async findBackup(region: string, namespace: string): Promise<Json> {
    const backup = await this.restorer(region).newestRestorableBackup(namespace, { acceptPartiallyFailed: false });
    if (!backup) throw Object.assign(new StepFailure('find-backup', `no Completed backup holds namespace ${namespace} in ${region}'s catalog`), { retryable: false });
    // Counting what the backup holds is evidence, not a gate: an unreadable bucket leaves the count unknown.
    const counted = await this.countInBackup(backup.name, namespace);
    return { backup: backup.name, backupStartedAt: backup.startedAt.toISOString(), ...counted };
  }

  private async countInBackup(backup: string, namespace: string): Promise<{ objectsInBackup: number | null; countNote?: string }> {
    if (!this.ports.objectStore) return { objectsInBackup: null, countNote: 'no readable bucket configured for the standby' };
    try {
      const list = await this.ports.objectStore.resourceList(backup);
      return list ? { objectsInBackup: itemsInNamespace(list, namespace) } : { objectsInBackup: null, countNote: 'the backup has no resource list in the bucket' };
    } catch (error) {
      return { objectsInBackup: null, countNote: (error as Error).message };
    }
  }

  private async restore(a: Extract<RestoreDrillAction, { action: 'restore-scratch' }>, ctx: StepContext): Promise<Json> {
    const found = ctx.journalOutputsSoFar['find-backup'] as { backup: string } | undefined;
    if (!found) throw new StepFailure('restore-scratch', 'find-backup has no output to restore from');
    const restorer = this.restorer(a.region);
    const name = `${ctx.runId}`.slice(0, 63);
    const started = this.ports.clock.now();
    let state = await restorer.ensureRestore({ name, backup: found.backup, namespace: a.namespace, targetNamespace: a.scratch, labels: { 'lifeboat.dev/run': name, 'lifeboat.dev/drill': 'component' } });
    while (!TERMINAL.includes(state.phase)) {
      await this.ports.clock.sleep(POLL, ctx.signal);
      state = (await restorer.restoreState(name)) ?? state;
    }
    if (state.phase !== 'Completed') {
      const why = state.validationErrors.length > 0 ? `: ${state.validationErrors.join('; ')}` : ` with ${state.errors} error(s)`;
      throw Object.assign(new StepFailure('restore-scratch', `Velero restore ${name} of backup ${found.backup} ended ${state.phase}${why}`), { retryable: false });
    }
    const seconds = (this.ports.clock.now().getTime() - started.getTime()) / 1000;
    return { restore: name, backup: found.backup, phase: state.phase, itemsRestored: state.itemsRestored ?? null, warnings: state.warnings, restoreSeconds: seconds };
  }

  private async verify(region: string, scratch: string, ctx: StepContext): Promise<Json> {
    const cluster = clusterOf(this.ports.clusters, region);
    for (;;) {
      const r = await cluster.workloadReadiness(scratch);
      if (r.notReady.length === 0 && r.deployments > 0) return { namespace: scratch, deployments: r.deployments, available: r.available };
      await this.ports.clock.sleep(POLL, ctx.signal);
    }
  }

  private async smoke(a: Extract<RestoreDrillAction, { action: 'smoke-checks' }>, ctx: StepContext): Promise<Json> {
    const prober = this.ports.probers[0];
    if (!prober) throw new StepFailure('smoke-checks', 'no vantage point to probe from');
    const checks = smokeChecksFor(this.plan, a.namespace);
    const target = ingressTarget(this.plan, a.region);
    const results = await runSmokeChecks(checks, { prober, target, hostPrefix: a.scratch, signal: ctx.signal, clock: this.ports.clock });
    const failed = results.filter((r) => !r.passed);
    if (failed.length > 0) {
      throw Object.assign(new StepFailure('smoke-checks', `smoke check(s) failed: ${failed.map((f) => `${f.name} (${f.detail})`).join('; ')}`), { retryable: false });
    }
    return { checks: results as unknown as Json };
  }

  private async deleteScratch(region: string, scratch: string, signal: AbortSignal): Promise<Json> {
    const cluster = clusterOf(this.ports.clusters, region);
    await cluster.deleteNamespace(scratch);
    while (await cluster.namespaceExists(scratch)) await this.ports.clock.sleep(POLL, signal);
    return { deleted: scratch };
  }

  private restorer(region: string): NonNullable<FailoverPorts['restorers'][string]> {
    const r = this.ports.restorers[region];
    if (!r) throw new StepFailure('restore', `no Velero connection for region ${region}`);
    return r;
  }
}
