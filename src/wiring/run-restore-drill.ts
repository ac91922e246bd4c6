import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { restoreDrillRunbook, scratchNamespace } from '../core/drills/restore-drill-runbook.js';
import { RestoreDrillExecutor } from '../core/drills/restore-drill-executor.js';
import type { BackupObjectStore } from '../core/ports/backup-object-store.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import { measure, type RunMeasurement } from '../core/runbook/measure.js';
import type { RunResult } from '../core/runbook/run-driver.js';
import { RunbookRunner } from '../core/runbook/runner.js';
import { failoverRegions } from '../core/runbook/failover/failover-runbook.js';
import { Duration } from '../core/objectives/duration.js';
import { VeleroBackupCatalog } from '../providers/velero/velero-backup-catalog.js';
import { failoverPorts, type ConnectOptions } from './failover-ports.js';
import { openJournal, type JournalWiring } from './journal.js';
import { objectStoreFor } from './posture-sources.js';

export interface RestoreDrillRequest extends ConnectOptions {
  plan: DRPlan;
  planText: string;
  namespace: string;
  actor?: string;
  runId?: string;
  journal?: JournalWiring;
  onEntry?: (entry: JournalEntry) => void;
}

export interface RestoreDrillReport {
  runId: string;
  namespace: string;
  scratch: string;
  result: RunResult;
  entries: JournalEntry[];
  measurement: RunMeasurement;
}

/** Component drills journal under `<plan>.drill`: a crashed drill never holds the lease a failover of the plan needs. */
export const drillLeaseKey = (plan: string): string => `${plan}.drill`;

/**
 * Runs a component restore test of one namespace into a scratch namespace in the standby, through the
 * runbook engine (journaled, hash-chained, safe to resume; the scratch namespace is deleted on failure).
 */
export async function runRestoreDrill(request: RestoreDrillRequest): Promise<RestoreDrillReport> {
  const journal = request.journal ?? openJournal(request.env);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').toLowerCase();
  const runId = request.runId ?? `component-${request.plan.metadata.name}-${stamp}-${randomBytes(2).toString('hex')}`;
  const runbook = restoreDrillRunbook(request.plan, request.namespace, runId);
  const ports = { ...failoverPorts(request.plan, journal.clock, request), objectStore: await standbyObjectStore(request) };
  const runner = new RunbookRunner({ store: journal.store, executor: new RestoreDrillExecutor(request.plan, ports), clock: journal.clock, hasher: journal.hasher, holder: journal.holder, leaseTtl: Duration.seconds(10) });
  const seen = { n: 0 };
  const poll = setInterval(() => { void forward(journal, runId, seen, request.onEntry); }, 250);
  let result: RunResult;
  try {
    result = await runner.start({ runId, plan: drillLeaseKey(request.plan.metadata.name), planHash: journal.hasher.sha256Hex(request.planText), runbook, actor: request.actor ?? `cli:${userInfo().username}` });
  } finally {
    clearInterval(poll);
  }
  await forward(journal, runId, seen, request.onEntry);
  const entries = await journal.store.read(runId);
  return { runId, namespace: request.namespace, scratch: scratchNamespace(request.namespace, runId), result, entries, measurement: measure(runbook, entries) };
}

async function forward(journal: JournalWiring, runId: string, seen: { n: number }, onEntry?: (e: JournalEntry) => void): Promise<void> {
  const entries = await journal.store.read(runId).catch(() => [] as JournalEntry[]);
  for (const e of entries.slice(seen.n)) onEntry?.(e);
  seen.n = Math.max(seen.n, entries.length);
}

/** The bucket behind the standby's storage locations, to count what a backup holds (undefined when unreadable). */
async function standbyObjectStore(request: RestoreDrillRequest): Promise<BackupObjectStore | undefined> {
  const { to } = failoverRegions(request.plan);
  try {
    const catalog = VeleroBackupCatalog.fromConfig({ context: to.context, kubeconfig: request.kubeconfig, namespace: to.veleroNamespace });
    // Only the storage locations: the whole catalog (every Backup, Restore, Schedule) is not needed here.
    const locations = await catalog.storageLocations();
    const location = locations.find((l) => l.name === 'default') ?? locations[0];
    return location ? objectStoreFor(location, request.env) : undefined;
  } catch {
    return undefined;
  }
}
