import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { Hasher } from '../ports/hasher.js';
import type { JournalStore, Lease } from '../ports/journal-store.js';
import type { RunNotifier } from '../ports/run-notifier.js';
import type { StepExecutor } from '../ports/step-executor.js';
import { JournalWriter } from './journal-writer.js';
import { terminalEntryOf } from './journal-entry.js';
import { RunDriver, type RunResult } from './run-driver.js';
import { defineRunbook, type RunbookNode } from './runbook.js';
import { fromRunbookJson, toRunbookJson } from './runbook-json.js';

export interface RunnerOptions {
  store: JournalStore;
  executor: StepExecutor;
  clock: Clock;
  hasher: Hasher;
  /** This process's lease holder id (host and pid, say): shown to whoever is refused the lease. */
  holder: string;
  /** How long the plan's lease lasts without renewal; renewed every third of it. Default 30s. */
  leaseTtl?: Duration;
  /** How often to look at the journal while waiting (gates, retries, aborts). Default 1s. */
  pollInterval?: Duration;
  /** How long a cancelled or timed-out step gets to settle. Default 5s. */
  cancelGrace?: Duration;
  /** Sends failover-started, approval-needed and failover-failed to the plan's channels (journaled, at most once per run). */
  notifier?: RunNotifier;
  /** Longest wait for one notification before its channels are journaled as failed. Default 15s. */
  notifyTimeout?: Duration;
}

export interface StartRequest {
  runId: string;
  plan: string;
  planHash: string;
  runbook: RunbookNode;
  actor: string;
  /** Aborts the run (abort-requested, compensations, run-aborted); to merely stop this process, kill it and resume later. */
  signal?: AbortSignal;
}

export interface ResumeRequest {
  runId: string;
  actor: string;
  signal?: AbortSignal;
}

interface PreparedRun {
  runId: string;
  writer: JournalWriter;
  runbook: RunbookNode;
  actor: string;
  signal: AbortSignal | undefined;
}

/**
 * Drives runbook runs to an end through the ports: journal, steps, clock. One run per plan at a time:
 * the plan's lease is held (and renewed) for the whole drive, and every append is fenced with it, so a
 * runner that lost its lease (paused, partitioned) can write nothing more.
 *
 * @example
 * const sut = new RunbookRunner({ store, executor, clock, hasher, holder: `cli:${pid}` });
 * await sut.start({ runId, plan: 'shop', planHash, runbook, actor: 'alice' });
 * await sut.resume({ runId, actor: 'alice' }); // after a crash, in a new process
 */
export class RunbookRunner {
  constructor(private readonly options: RunnerOptions) {}

  /** Starts a new run; ConflictError when the plan's lease is held or it has an unfinished run. */
  async start(request: StartRequest): Promise<RunResult> {
    const runbook = defineRunbook(request.runbook);
    return this.withLease(request.plan, async (lease) => {
      const runs = await this.options.store.listRuns({ plan: request.plan });
      const unfinished = runs.find((r) => r.ended === undefined);
      if (unfinished) throw new ConflictError(`plan ${request.plan} has an unfinished run ${unfinished.runId}: resume or abort it first`);
      if (await this.exists(request.runId)) throw new ConflictError(`run ${request.runId} already exists`);
      const writer = this.writer(request.runId, lease);
      await writer.append([{
        kind: 'run-started', runId: request.runId, plan: request.plan, planHash: request.planHash,
        runbook: toRunbookJson(runbook), actor: request.actor,
      }]);
      return { runId: request.runId, writer, runbook, actor: request.actor, signal: request.signal };
    });
  }

  /** Resumes a run from its journal (after a crash or a stop); returns at once if it had ended. */
  async resume(request: ResumeRequest): Promise<RunResult> {
    const entries = await this.options.store.read(request.runId);
    const started = entries[0]?.kind === 'run-started' ? entries[0] : undefined;
    if (!started) throw new InputError(`run ${request.runId} has no run-started entry`);
    const runbook = fromRunbookJson(started.runbook);
    return this.withLease(started.plan, async (lease) => {
      const writer = this.writer(request.runId, lease);
      if (!terminalEntryOf(await writer.refresh())) await writer.append([{ kind: 'run-resumed', actor: request.actor }]);
      return { runId: request.runId, writer, runbook, actor: request.actor, signal: request.signal };
    });
  }


  private async exists(runId: string): Promise<boolean> {
    try {
      return (await this.options.store.read(runId)).length > 0;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private writer(runId: string, lease: { current: Lease }): JournalWriter {
    return new JournalWriter({
      store: this.options.store, runId, hasher: this.options.hasher, clock: this.options.clock,
      lease: () => lease.current,
      onConflict: async () => { lease.current = await this.options.store.renewLease(lease.current, this.ttl()); },
    });
  }

  private async withLease(
    plan: string,
    prepare: (lease: { current: Lease }) => Promise<PreparedRun>,
  ): Promise<RunResult> {
    const { store, holder } = this.options;
    const lease = { current: await store.acquireLease({ plan, holder, ttl: this.ttl() }) };
    const stopHeartbeat = new AbortController();
    try {
      const run = await prepare(lease);
      const driver = this.driver(run);
      void this.heartbeat(lease, stopHeartbeat.signal).catch((error: unknown) => driver.fail(error));
      return await driver.drive();
    } finally {
      stopHeartbeat.abort();
      await store.releaseLease(lease.current).catch(() => undefined);
    }
  }

  private driver(run: PreparedRun): RunDriver {
    return new RunDriver({
      runId: run.runId, runbook: run.runbook, writer: run.writer, executor: this.options.executor, clock: this.options.clock,
      pollInterval: this.options.pollInterval ?? Duration.seconds(1),
      grace: this.options.cancelGrace ?? Duration.seconds(5),
      signal: run.signal ?? new AbortController().signal, actor: run.actor,
      ...(this.options.notifier ? { notifier: this.options.notifier } : {}),
      ...(this.options.notifyTimeout ? { notifyTimeout: this.options.notifyTimeout } : {}),
    });
  }

  /** Renews the lease every third of its ttl until stopped; throws (ConflictError) when it was lost. */
  private async heartbeat(lease: { current: Lease }, stop: AbortSignal): Promise<void> {
    const every = Duration.milliseconds(this.ttl().toMilliseconds() / 3);
    for (;;) {
      try {
        await this.options.clock.sleep(every, stop);
      } catch {
        return;
      }
      lease.current = await this.options.store.renewLease(lease.current, this.ttl());
    }
  }

  private ttl(): Duration {
    return this.options.leaseTtl ?? Duration.seconds(30);
  }
}
