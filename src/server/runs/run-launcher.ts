import { NotFoundError, TimeoutError } from '../../core/errors.js';
import type { JournalStore } from '../../core/ports/journal-store.js';
import type { Logger } from '../logger.js';

/** Drives one run to its end; `signal` aborts it (abort-requested, compensations, run-aborted). */
export type RunDrive = (signal: AbortSignal) => Promise<unknown>;

export interface RunLauncherOptions {
  store: JournalStore;
  logger: Logger;
  /** How long a run may take to journal run-started before the start counts as failed. Default 30s. */
  startTimeoutMs?: number;
  pollMs?: number;
}

/**
 * Runs started by the server, driven in this process in the background. `launch` returns once the
 * run's run-started entry is journaled (so the caller can hand out its id and follow its events), or
 * rejects with the drive's own error when it could not start (another run holds the plan: 409).
 * What happens after is in the journal; a drive's later failure is only logged.
 */
export class RunLauncher {
  private readonly running = new Map<string, { done: Promise<unknown>; abort: AbortController }>();

  constructor(private readonly o: RunLauncherOptions) {}

  /**
   * Starts the drive; resolves once run-started is journaled, or at once when `startsLater` (the
   * drive's early failure is then only logged).
   */
  async launch(runId: string, drive: RunDrive, o: { startsLater?: boolean } = {}): Promise<{ runId: string }> {
    const abort = new AbortController();
    const state = { started: false };
    const done = drive(abort.signal);
    const tracked = done.then(
      () => this.o.logger.info({ runId }, 'run ended'),
      (error: unknown) => {
        const err = error instanceof Error ? error.message : String(error);
        // Before run-started the caller gets the error as its answer; after, only the log knows.
        if (state.started) this.o.logger.error({ runId, err }, 'run stopped with an error');
        else this.o.logger.warn({ runId, err }, 'run did not start');
      },
    ).finally(() => this.running.delete(runId));
    this.running.set(runId, { done: tracked, abort });
    state.started = o.startsLater === true;
    if (!state.started) await Promise.race([this.started(runId, abort.signal), done.then(() => undefined)]);
    state.started = true;
    return { runId };
  }

  /** Ids of the runs this process drives right now. */
  inFlight(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Stops driving: `abort` aborts every run (tests, or an operator's explicit shutdown); without it
   * the drives are left to the process's end and the runs resume elsewhere from their journals.
   */
  async stop(o: { abort: boolean }): Promise<void> {
    if (!o.abort) return;
    for (const r of this.running.values()) r.abort.abort(new Error('the server is shutting down'));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async exists(runId: string): Promise<boolean> {
    try {
      return (await this.o.store.read(runId)).length > 0;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private async started(runId: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + (this.o.startTimeoutMs ?? 30_000);
    while (!signal.aborted && this.running.has(runId)) {
      if (await this.exists(runId)) return;
      if (Date.now() > deadline) throw new TimeoutError(`run ${runId} did not start within ${Math.round((this.o.startTimeoutMs ?? 30_000) / 1000)}s`);
      await new Promise((r) => setTimeout(r, this.o.pollMs ?? 50));
    }
  }
}
