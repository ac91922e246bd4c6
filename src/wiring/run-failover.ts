import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { FailoverExecutor } from '../core/runbook/failover/failover-executor.js';
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
  signal?: AbortSignal;
  journal?: JournalWiring;
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
  const journal = request.journal ?? openJournal(request.env);
  const ports = failoverPorts(request.plan, journal.clock, request);
  const runbook = failoverRunbook(request.plan, request.namespaces);
  const runner = new RunbookRunner({ store: journal.store, executor: new FailoverExecutor(request.plan, ports), clock: journal.clock, hasher: journal.hasher, holder: journal.holder });
  const runId = request.runId ?? newRunId('failover', request.plan.metadata.name);
  const actor = request.actor ?? `cli:${userInfo().username}`;
  const stopWatching = new AbortController();
  const view = { seen: 0 };
  const watching = watchJournal({ journal, runId, actor, approve: request.approve ?? false, onEntry: request.onEntry, stop: stopWatching.signal, view });
  let result: RunResult;
  try {
    result = await runner.start({ runId, plan: request.plan.metadata.name, planHash: journal.hasher.sha256Hex(request.planText), runbook, actor, signal: request.signal });
  } finally {
    stopWatching.abort();
    await watching;
  }
  const entries = await journal.store.read(runId);
  for (const e of entries.slice(view.seen)) request.onEntry?.(e);
  return { runId, result, outcome: failoverOutcome(request.plan, runbook, entries, { outageAt: request.outageAt }), entries };
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
