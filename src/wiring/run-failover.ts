import { randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '../core/errors.js';
import { Duration } from '../core/objectives/duration.js';
import { fromRunbookJson } from '../core/runbook/runbook-json.js';
import type { RunbookNode } from '../core/runbook/runbook.js';
import { userInfo } from 'node:os';
import { FailbackExecutor } from '../core/runbook/failover/failback-executor.js';
import { failbackRunbook } from '../core/runbook/failover/failback-runbook.js';
import { FailoverExecutor, type FailoverPorts } from '../core/runbook/failover/failover-executor.js';
import type { StepExecutor } from '../core/ports/step-executor.js';
import { failoverOutcome, type FailoverOutcome } from '../core/runbook/failover/failover-outcome.js';
import { failoverRunbook } from '../core/runbook/failover/failover-runbook.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import { JournalWriter } from '../core/runbook/journal-writer.js';
import type { RunResult } from '../core/runbook/run-driver.js';
import { RunbookRunner } from '../core/runbook/runner.js';
import type { DRPlan } from '../core/plan/schema.js';
import { failoverPorts, type ConnectOptions } from './failover-ports.js';
import { openJournal, type JournalWiring } from './journal.js';

export interface FailoverRequest extends ConnectOptions {
  /** failover (default) or failback: which runbook of the plan to run. */
  kind?: 'failover' | 'failback';
  plan: DRPlan;
  /** The plan file's text: its sha256 goes into the journal (and every report). */
  planText: string;
  namespaces: readonly string[];
  /** Who starts it (default: the OS user). */
  actor?: string;
  /** --yes: the starter's own approval satisfies the declare gate (when the plan needs one approver). */
  approve?: boolean;
  /** When the outage began, if known (drills inject it); else the confirmation time is used. */
  outageAt?: Date;
  runId?: string;
  onEntry?: (entry: JournalEntry) => void;
  /** Entries already shown (a resume shows only what comes after). */
  skipSeen?: number;
  signal?: AbortSignal;
  journal?: JournalWiring;
  /** The ports to act through instead of the plan's real providers (HA test replicas use fakes). */
  ports?: FailoverPorts;
}

export interface FailoverReport {
  runId: string;
  result: RunResult;
  outcome: FailoverOutcome;
  entries: JournalEntry[];
}

export function newRunId(kind: string, plan: string, at = new Date()): string {
  return `${kind}-${plan}-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').toLowerCase()}-${randomBytes(2).toString('hex')}`;
}

/**
 * Starts a failover run of the plan through the runbook engine, streams its journal entries to
 * `onEntry` as they land, approves the declare gate for the starter when asked (`--yes`), and returns
 * the run's result with the RTO and RPO measured from the journal.
 */
export async function runFailover(request: FailoverRequest): Promise<FailoverReport> {
  const runId = request.runId ?? newRunId(request.kind ?? 'failover', request.plan.metadata.name);
  const actor = request.actor ?? `cli:${userInfo().username}`;
  return drive(request, runId, (runner, planHash, runbook) =>
    runner.start({ runId, plan: request.plan.metadata.name, planHash, runbook, actor, signal: request.signal }));
}

/**
 * Resumes a failover run from its journal after its process died: the same plan file must be given
 * (its hash is checked against the run's). Waits for the dead process's lease to expire first.
 */
export async function resumeFailover(request: FailoverRequest & { runId: string }): Promise<FailoverReport> {
  const journal = request.journal ?? openJournal(request.env);
  const started = (await journal.store.read(request.runId))[0];
  if (started?.kind !== 'run-started') throw new NotFoundError(`run ${request.runId} has no journal in ${journal.stateDir}`);
  if (started.planHash !== journal.hasher.sha256Hex(request.planText)) {
    throw new InputError([{ path: 'plan', message: `this plan file is not the one run ${request.runId} started with (plan hash differs)` }]);
  }
  const actor = request.actor ?? `cli:${userInfo().username}`;
  const kind = (started.runbook as { id?: string }).id === 'failback' ? 'failback' : 'failover';
  return drive({ ...request, kind, journal }, request.runId, async (runner) => {
    for (let waited = 0; ; waited += 1000) {
      try {
        return await runner.resume({ runId: request.runId, actor, signal: request.signal });
      } catch (error) {
        // A killed runner's lease lives until it expires; wait for it rather than fail.
        if (!(error instanceof ConflictError) || waited > LEASE_TTL.toMilliseconds() * 2) throw error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  });
}

/** How long a runner's lease lives without renewal: a killed runner blocks a resume at most this long. */
const LEASE_TTL = Duration.seconds(10);

/** The request's ports when it brings them, else the plan's real providers. */
function portsOf(request: FailoverRequest, journal: JournalWiring): FailoverPorts {
  return request.ports ?? failoverPorts(request.plan, journal.clock, request);
}

/** The plan's runbook of the requested kind, with the executor that knows its actions. */
function runbookFor(request: FailoverRequest, ports: FailoverPorts): { runbook: RunbookNode; executor: StepExecutor } {
  if (request.kind === 'failback') return { runbook: failbackRunbook(request.plan, request.namespaces), executor: new FailbackExecutor(request.plan, ports) };
  return { runbook: failoverRunbook(request.plan, request.namespaces), executor: new FailoverExecutor(request.plan, ports) };
}

async function drive(
  request: FailoverRequest,
  runId: string,
  go: (runner: RunbookRunner, planHash: string, runbook: RunbookNode) => Promise<RunResult>,
): Promise<FailoverReport> {
  const journal = request.journal ?? openJournal(request.env);
  const ports = portsOf(request, journal);
  const { runbook, executor } = runbookFor(request, ports);
  // The same notifier serves the runner (started, approval needed, failed) and the notify step (complete).
  const runner = new RunbookRunner({
    store: journal.store, executor, clock: journal.clock, hasher: journal.hasher, holder: journal.holder, leaseTtl: LEASE_TTL,
    ...(ports.notify ? { notifier: ports.notify } : {}),
  });
  const actor = request.actor ?? `cli:${userInfo().username}`;
  const stopWatching = new AbortController();
  const view = { seen: request.skipSeen ?? 0 };
  const watching = watchJournal({ journal, runId, actor, approve: request.approve ?? false, onEntry: request.onEntry, stop: stopWatching.signal, view });
  let result: RunResult;
  try {
    result = await go(runner, journal.hasher.sha256Hex(request.planText), runbook);
  } finally {
    stopWatching.abort();
    await watching;
  }
  const entries = await journal.store.read(runId);
  for (const e of entries.slice(view.seen)) request.onEntry?.(e);
  const stored = entries[0]?.kind === 'run-started' ? fromRunbookJson(entries[0].runbook) : runbook;
  return { runId, result, outcome: failoverOutcome(request.plan, stored, entries, { outageAt: request.outageAt }), entries };
}

/** Polls the run's journal, hands new entries on, and approves the declare gate when asked to. */
async function watchJournal(o: { journal: JournalWiring; runId: string; actor: string; approve: boolean; onEntry?: (e: JournalEntry) => void; stop: AbortSignal; view: { seen: number } }): Promise<void> {
  const writer = new JournalWriter({ store: o.journal.store, runId: o.runId, hasher: o.journal.hasher, clock: o.journal.clock });
  let approved = false;
  while (!o.stop.aborted) {
    const entries = await o.journal.store.read(o.runId).catch(() => [] as JournalEntry[]);
    for (const e of entries.slice(o.view.seen)) o.onEntry?.(e);
    o.view.seen = Math.max(o.view.seen, entries.length);
    const waiting = entries.find((e) => e.kind === 'gate-waiting');
    if (o.approve && !approved && waiting?.kind === 'gate-waiting') {
      await writer.refresh();
      await writer.append([{ kind: 'gate-approved', gate: waiting.gate, approver: o.actor }]);
      approved = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
