import { readFileSync } from 'node:fs';
import { parsePlan } from '../core/plan/parse-plan.js';
import type { DRPlan } from '../core/plan/schema.js';
import { renderVeleroSchedules } from '../core/report/render-velero-schedules.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import { failoverRegions } from '../core/runbook/failover/failover-runbook.js';
import { KubernetesClusterOperator } from '../providers/kubernetes/kubernetes-cluster-operator.js';
import { VeleroBackupCatalog } from '../providers/velero/velero-backup-catalog.js';
import { VeleroBackupTrigger, type BackupResult } from '../providers/velero/velero-backup-trigger.js';
import { Duration } from '../core/objectives/duration.js';
import { kubeConfigForRegion, trafficManagerFor } from '../wiring/failover-ports.js';
import { fenceWhenBack } from '../wiring/fence-when-back.js';
import { newRunId, runFailover, type FailoverReport } from '../wiring/run-failover.js';
import { Lab, type Progress } from './lab.js';
import { ensureSecrets } from './secrets.js';
import { waitFor } from './supervisor.js';
import { CoreV1Api } from '@kubernetes/client-node';
import type { RegionName } from './lab-config.js';
import type { OutageInjector } from '../core/ports/outage-injector.js';
import { runFailoverDrill, type FailoverDrillReport } from '../wiring/run-failover-drill.js';

export interface LabDrillResult {
  plan: DRPlan;
  backups: BackupResult[];
  outageAt: Date;
  report: FailoverReport;
}

/**
 * A full failover drill on the lab: reset the DR state, take a fresh backup with the plan's schedule,
 * make the primary really unreachable, run the failover runbook (the starter's approval counts for the
 * declare gate), then heal the old primary and fence it, as one does when it returns.
 */
export async function labFailoverDrill(o: { planFile: string; progress: Progress; onEntry?: (e: JournalEntry) => void }): Promise<LabDrillResult> {
  const lab = new Lab(o.progress);
  await lab.up();
  const { plan, planText, connect } = labPlanContext(o.planFile);
  const { from, to } = failoverRegions(plan);
  const namespaces = plan.spec.protection.namespaces.names;

  o.progress(`resetting the lab's DR state (${from.name} primary, ${to.name} standby)`);
  await lab.heal(from.name as RegionName);
  await resetDrState(plan, namespaces, connect);

  o.progress(`taking a fresh backup in ${from.name} with the plan's schedules`);
  const backups = await backupNow(plan, connect, o.progress);

  const outageAt = new Date();
  o.progress(`injecting the outage: ${from.name}'s network link goes down`);
  await lab.fail(from.name as RegionName);
  const report = await runFailover({ plan, planText, namespaces, ...connect, approve: true, outageAt, onEntry: o.onEntry, runId: newRunId('drill', plan.metadata.name) });

  o.progress(`healing ${from.name} and fencing it (workloads to 0, storage location ReadOnly)`);
  await lab.heal(from.name as RegionName);
  await fenceWhenBack(plan, from.name, { ...connect, wait: Duration.minutes(1) });
  return { plan, backups, outageAt, report };
}

/**
 * Puts the lab back to its baseline after a drill: both regions reachable, DNS on the primary, the
 * primary unfenced and writing, the standby without the protected namespaces.
 */
export async function restoreLabBaseline(planFile: string, progress: Progress = () => undefined): Promise<void> {
  const lab = new Lab(progress);
  const { plan, connect } = labPlanContext(planFile);
  for (const r of plan.spec.regions) await lab.heal(r.name as RegionName);
  await resetDrState(plan, plan.spec.protection.namespaces.names, connect);
}

/** The lab's plan and what it takes to talk to the lab (its kubeconfig, the PowerDNS key). */
export function labPlanContext(planFile: string): { plan: DRPlan; planText: string; connect: { kubeconfig: string; env: NodeJS.ProcessEnv } } {
  const lab = new Lab();
  const planText = readFileSync(planFile, 'utf8');
  const s = ensureSecrets(lab.paths.run);
  const env = { ...process.env, LIFEBOAT_PDNS_API_KEY: s.pdnsApiKey, AWS_ACCESS_KEY_ID: s.minioUser, AWS_SECRET_ACCESS_KEY: s.minioPassword, AWS_REGION: 'minio' };
  return { plan: parsePlan(planText, planFile), planText, connect: { kubeconfig: lab.paths.kubeconfig, env } };
}

/** Empties the standby of the protected namespaces and points DNS back at the primary (primary untouched). */
export async function clearStandby(planFile: string): Promise<void> {
  const { plan, connect } = labPlanContext(planFile);
  const { from } = failoverRegions(plan);
  const namespaces = plan.spec.protection.namespaces.names;
  await trafficManagerFor(plan, connect.env).pointTo([from.ingress.address], plan.spec.traffic.ttl);
  await emptyStandby(plan, namespaces, connect);
}

/** Deletes the protected namespaces in the standby and waits until they are gone. */
async function emptyStandby(plan: DRPlan, namespaces: readonly string[], connect: { kubeconfig: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const { to } = failoverRegions(plan);
  const standby = kubeConfigForRegion(to, connect).makeApiClient(CoreV1Api);
  for (const ns of namespaces) await standby.deleteNamespace({ name: ns }).catch(() => undefined);
  await waitFor(`${to.name} standby emptied of ${namespaces.join(', ')}`, async () => {
    const left = await Promise.all(namespaces.map((ns) => standby.readNamespace({ name: ns }).then(() => true, () => false)));
    return left.every((x) => !x);
  }, 180_000, 1000);
}

/** Takes a fresh backup with the plan's schedules and waits until the standby's catalog has it. */
export async function freshBackup(planFile: string, progress: Progress = () => undefined): Promise<BackupResult[]> {
  const { plan, connect } = labPlanContext(planFile);
  return backupNow(plan, connect, progress);
}

/** Puts the lab back to "primary serves, standby empty": DNS, standby namespaces, primary unfenced. */
async function resetDrState(plan: DRPlan, namespaces: readonly string[], connect: { kubeconfig: string; env: NodeJS.ProcessEnv }): Promise<void> {
  const { from, to } = failoverRegions(plan);
  await trafficManagerFor(plan, connect.env).pointTo([from.ingress.address], plan.spec.traffic.ttl);
  const primary = KubernetesClusterOperator.fromConfig({ kubeConfig: kubeConfigForRegion(from, connect), region: from.name });
  await primary.setStorageLocationAccess(from.veleroNamespace, 'default', 'ReadWrite');
  await primary.pauseSchedules(from.veleroNamespace, false);
  for (const ns of namespaces) if (await primary.namespaceExists(ns)) await primary.unfenceNamespace(ns);
  // A failback that stopped half-way can leave the standby writing: it only reads at baseline.
  const standbyOperator = KubernetesClusterOperator.fromConfig({ kubeConfig: kubeConfigForRegion(to, connect), region: to.name });
  await standbyOperator.setStorageLocationAccess(to.veleroNamespace, 'default', 'ReadOnly');
  await emptyStandby(plan, namespaces, connect);
  for (const ns of namespaces) {
    await waitFor(`${ns} available in ${from.name}`, async () => (await primary.workloadReadiness(ns)).notReady.length === 0, 120_000, 1000);
  }
  await storageLocationsAvailable(plan, connect);
}

/**
 * Waits until every region's Velero finds its storage location Available again. After MinIO was down,
 * Velero revalidates only every few seconds; a Restore created before that ends FailedValidation.
 */
async function storageLocationsAvailable(plan: DRPlan, connect: { kubeconfig: string }): Promise<void> {
  for (const r of plan.spec.regions) {
    const catalog = VeleroBackupCatalog.fromConfig({ context: r.context, kubeconfig: connect.kubeconfig, namespace: r.veleroNamespace });
    await waitFor(`${r.name} Velero storage locations Available`, async () => (await catalog.storageLocations()).every((l) => l.phase === 'Available'), 60_000, 1000);
  }
}

/** One backup per rendered schedule, now; waits for Completed and for the standby's catalog to see it. */
async function backupNow(plan: DRPlan, connect: { kubeconfig: string; env: NodeJS.ProcessEnv }, progress: Progress): Promise<BackupResult[]> {
  const { from, to } = failoverRegions(plan);
  const trigger = VeleroBackupTrigger.fromConfig({ kubeConfig: kubeConfigForRegion(from, connect), veleroNamespace: from.veleroNamespace });
  // The standby's Velero lists a synced backup under the same name. Asking for "the newest" instead
  // races any other schedule backing up the same namespace (the split-brain canary does, every minute).
  const standbyCatalog = VeleroBackupTrigger.fromConfig({ kubeConfig: kubeConfigForRegion(to, connect), veleroNamespace: to.veleroNamespace });
  const results: BackupResult[] = [];
  for (const schedule of renderVeleroSchedules(plan)) {
    const name = `${schedule.metadata.name}-${Date.now().toString(36)}`.slice(0, 63);
    await trigger.backupFromSchedule(schedule, name);
    let done: BackupResult | undefined;
    await waitFor(`backup ${name} Completed`, async () => {
      done = await trigger.backup(name);
      if (done && ['Failed', 'PartiallyFailed', 'FailedValidation'].includes(done.phase)) throw new Error(`backup ${name} ended ${done.phase}`);
      return done?.phase === 'Completed';
    }, 300_000, 1000);
    if (done) results.push(done);
    progress(`backup ${name} Completed; waiting for ${to.name}'s Velero to sync it from the bucket`);
    await waitFor(`${to.name} catalog has ${name}`, async () => (await standbyCatalog.backup(name))?.phase === 'Completed', 120_000, 1000);
  }
  return results;
}

/** The lab's way to fail a region for a drill: its network link goes down, for real. */
export class LabOutageInjector implements OutageInjector {
  readonly method = 'lab: the region\'s network link goes down';
  private readonly lab: Lab;

  constructor(progress: Progress = () => undefined) {
    this.lab = new Lab(progress);
  }

  inject(region: string): Promise<void> {
    return this.lab.fail(region as RegionName);
  }

  clear(region: string): Promise<void> {
    return this.lab.heal(region as RegionName);
  }
}

export interface LabFullDrillResult {
  plan: DRPlan;
  planText: string;
  backups: BackupResult[];
  drill: FailoverDrillReport;
}

/**
 * The full failover drill on the lab, as `lifeboat demo` and `lifeboat drill failover` run it: baseline,
 * a fresh backup, region-a's link cut, the trigger left to detect it, failover, smoke checks, failback.
 */
export async function labFullDrill(o: { planFile: string; progress: Progress; onEntry?: (e: JournalEntry) => void; failback?: boolean; kubeconfig?: string; env?: NodeJS.ProcessEnv }): Promise<LabFullDrillResult> {
  await new Lab(o.progress).up();
  const lab = labPlanContext(o.planFile);
  const { plan, planText } = lab;
  const connect = { kubeconfig: o.kubeconfig ?? lab.connect.kubeconfig, env: { ...lab.connect.env, ...o.env } };
  o.progress('resetting the lab\'s DR state (primary serves, standby empty)');
  await restoreLabBaseline(o.planFile, o.progress);
  o.progress('taking a fresh backup with the plan\'s schedules');
  const backups = await backupNow(plan, connect, o.progress);
  const drill = await runFailoverDrill({ plan, planText, ...connect, injector: new LabOutageInjector(o.progress), failback: o.failback, progress: o.progress, onEntry: o.onEntry });
  return { plan, planText, backups, drill };
}
