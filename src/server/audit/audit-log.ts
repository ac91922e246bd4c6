import { NotFoundError } from '../../core/errors.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Hasher } from '../../core/ports/hasher.js';
import type { JournalStore } from '../../core/ports/journal-store.js';
import { verifyChain, type ChainVerdict } from '../../core/runbook/hash-chain.js';
import type { JournalEntry } from '../../core/runbook/journal-entry.js';
import type { Json } from '../../core/runbook/json.js';
import { JournalWriter } from '../../core/runbook/journal-writer.js';
import type { RunbookJson } from '../../core/runbook/runbook-json.js';

/** One mutating API call as the audit journal keeps it. */
export interface AuditRecord {
  /** `api:<token name>`, or `trigger` for what the server did on an alert. */
  actor: string;
  role: string;
  /** The route table id, e.g. `POST /v1/runs/{run}/approve`. */
  route: string;
  path: string;
  status: number;
  /** The request body (redacted) and what came of it (a run id), when there are any. */
  body?: Json;
  result?: Json;
}

/** The audit day-run's runbook: a single recording step, so the journal is a valid run like any other. */
const AUDIT_RUNBOOK: RunbookJson = {
  kind: 'sequence', id: 'audit', children: [{
    kind: 'step', id: 'record', title: 'Record the mutating API calls of the day', phase: 'audit', budget: '24h',
    retry: { maxAttempts: 1, initialDelay: '1s', maxDelay: '1s', factor: 1 },
  }],
};

/** `audit-20261125`: the audit journal's run for a day (UTC). */
export function auditRunId(at: Date): string {
  return `audit-${at.toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/**
 * The server's audit journal, in the same hash-chained journal machinery as runs (its own store, so
 * `lifeboat run list` shows no audit days): one run per UTC day, `audit-YYYYMMDD`, opened by a
 * run-started entry; each call is a `step-succeeded` entry whose step is the route and whose output
 * holds actor, role, path, status, body and result. `verifyChain` checks a day like any run.
 *
 * @example await audit.record({ actor: 'api:alice', role: 'approver', route: 'POST /v1/runs/{run}/approve', path, status: 200 })
 */
export class AuditLog {
  private writer: { day: string; writer: JournalWriter } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: { store: JournalStore; hasher: Hasher; clock: Clock }) {}

  /** Appends one record to today's chain (calls are written one at a time, in arrival order). */
  record(r: AuditRecord): Promise<void> {
    const done = this.queue.then(() => this.append(r));
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** A day's entries and whether its chain holds. */
  async day(runId: string): Promise<{ entries: JournalEntry[]; verdict: ChainVerdict }> {
    const entries = await this.o.store.read(runId);
    return { entries, verdict: verifyChain(entries, this.o.hasher) };
  }

  private async append(r: AuditRecord): Promise<void> {
    const writer = await this.writerFor(auditRunId(this.o.clock.now()));
    const output = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, Json>;
    await writer.append([{ kind: 'step-succeeded', step: r.route, attempt: 1, output }]);
  }

  private async writerFor(day: string): Promise<JournalWriter> {
    if (this.writer?.day === day) return this.writer.writer;
    const writer = new JournalWriter({ store: this.o.store, runId: day, hasher: this.o.hasher, clock: this.o.clock });
    const exists = await writer.refresh().then(() => true, (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    });
    if (!exists) {
      await writer.append([{ kind: 'run-started', runId: day, plan: 'lifeboat-audit', planHash: '', runbook: AUDIT_RUNBOOK, actor: 'lifeboat-server' }]);
    }
    this.writer = { day, writer };
    return writer;
  }
}
