import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { RunNotifier } from '../ports/run-notifier.js';
import type { StepExecutor } from '../ports/step-executor.js';
import { decide, type Decision, type Outcome, type RunAbort, type RunFailure } from './engine.js';
import type { EntryDraft } from './journal-entry.js';
import { foldJournal, stepOutputs } from './journal-state.js';
import type { JournalWriter } from './journal-writer.js';
import type { StepStart } from './progress.js';
import type { RunbookNode } from './runbook.js';
import { RunNotices } from './run-notices.js';
import { runAttempt } from './step-attempt.js';
import { withBudget } from './with-budget.js';

export interface RunResult {
  runId: string;
  outcome: Outcome;
  failure?: RunFailure;
  /** Who aborted the run and why, when it was aborted. */
  abort?: RunAbort;
}

export interface DriverOptions {
  runId: string;
  runbook: RunbookNode;
  writer: JournalWriter;
  executor: StepExecutor;
  clock: Clock;
  pollInterval: Duration;
  grace: Duration;
  /** Aborting it aborts the run as `run abort` does: abort-requested is journaled, then the rollback runs. */
  signal: AbortSignal;
  actor: string;
  /** Sends failover-started, approval-needed and failover-failed; absent = no notifications. */
  notifier?: RunNotifier;
  /** Longest wait for one notification. */
  notifyTimeout?: Duration;
}

/**
 * The loop of one run in one process: read the journal, decide, act, repeat. Steps of a parallel block
 * run concurrently; each attempt's end is written as soon as it settles. All state that matters is in
 * the journal; the in-flight set only stops this process from starting a step it is already running.
 */
export class RunDriver {
  private readonly inFlight = new Map<string, Promise<void>>();
  private cancel = new AbortController();
  private fatal: unknown;
  private signalSeen = false;
  private readonly notices: RunNotices | undefined;

  constructor(private readonly o: DriverOptions) {
    this.notices = o.notifier && new RunNotices({
      runId: o.runId, runbook: o.runbook, writer: o.writer, notifier: o.notifier, clock: o.clock,
      timeout: o.notifyTimeout ?? Duration.seconds(15), grace: o.pollInterval, onError: (error) => this.fail(error),
    });
  }

  /** Fails the run loop with `error` at its next turn (the runner calls it when the lease is lost). */
  fail(error: unknown): void {
    this.fatal ??= error;
    this.cancel.abort(error);
  }

  async drive(): Promise<RunResult> {
    try {
      for (;;) {
        if (this.fatal !== undefined) throw asError(this.fatal);
        await this.o.writer.refresh();
        if (this.o.signal.aborted && !this.signalSeen) await this.requestAbort();
        const decision = decide(this.o.runbook, this.o.writer.entries, this.o.clock.now());
        if (decision.type !== 'done') await this.act(decision);
        else if (this.inFlight.size > 0) await this.drain(); // let them write their ends, then decide again
        else return await this.finish(decision);
      }
    } finally {
      await this.drain();
    }
  }

  private async act(decision: Exclude<Decision, { type: 'done' }>): Promise<void> {
    this.notices?.launchDue(this.o.clock.now());
    switch (decision.type) {
      case 'start-steps':
        for (const start of decision.steps) this.launch(start);
        if (decision.announce.length > 0) {
          await this.o.writer.append(decision.announce.map((g) => ({ kind: 'gate-waiting' as const, gate: g.id, approvals: g.approvals })));
        }
        return this.waitForChange(this.o.pollInterval);
      case 'wait-gate':
        if (!decision.announced) {
          await this.o.writer.append([{ kind: 'gate-waiting', gate: decision.gate.id, approvals: decision.gate.approvals }]);
          return;
        }
        return this.waitForChange(this.o.pollInterval);
      case 'wait-retry': {
        const wait = Math.max(0, decision.until.getTime() - this.o.clock.now().getTime());
        return this.waitForChange(Duration.milliseconds(Math.min(wait, this.o.pollInterval.toMilliseconds())));
      }
      case 'compensate':
        if (this.inFlight.size > 0) return this.drain();
        return this.compensate(decision.steps);
    }
  }

  private launch(start: StepStart): void {
    if (this.inFlight.has(start.step.id)) return;
    const outputs = stepOutputs(this.o.writer.entries);
    const signal = this.cancel.signal;
    const run = async (): Promise<void> => {
      if (!(await this.o.writer.append([{ kind: 'step-started', step: start.step.id, attempt: start.attempt }]))) return;
      const context = { executor: this.o.executor, clock: this.o.clock, runId: this.o.runId, outputs, signal, grace: this.o.grace };
      await this.o.writer.append(await runAttempt(start, context));
    };
    const task = run()
      .catch((error: unknown) => this.fail(error))
      .finally(() => this.inFlight.delete(start.step.id));
    this.inFlight.set(start.step.id, task);
  }

  /** Waits until an in-flight step settles, `ms` pass, or the run is aborted. */
  private async waitForChange(duration: Duration): Promise<void> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    this.o.signal.addEventListener('abort', onAbort, { once: true });
    this.cancel.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([...this.inFlight.values(), this.o.clock.sleep(duration, stop.signal).catch(() => undefined)]);
    } finally {
      stop.abort();
      this.o.signal.removeEventListener('abort', onAbort);
      this.cancel.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels every in-flight attempt and waits for each to write its end (or give up). */
  private async drain(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const abort = foldJournal(this.o.writer.entries).abortRequested;
    this.cancel.abort(new Error(abort ? `run aborted by ${abort.actor}: ${abort.reason}` : 'cancelled: the run is ending'));
    await Promise.allSettled([...this.inFlight.values()]);
    if (this.fatal === undefined) this.cancel = new AbortController();
  }

  private async compensate(steps: Extract<Decision, { type: 'compensate' }>['steps']): Promise<void> {
    const outputs = stepOutputs(this.o.writer.entries);
    for (const step of steps) {
      if (!(await this.o.writer.append([{ kind: 'compensation-started', step: step.id, action: step.compensate }]))) return;
      const result = await withBudget(
        (signal) => this.o.executor.compensate(step, { runId: this.o.runId, signal, output: outputs[step.id] }),
        { clock: this.o.clock, budget: step.budget, grace: this.o.grace, outer: this.cancel.signal },
      );
      const end = result.kind === 'ok'
        ? { kind: 'compensation-succeeded' as const, step: step.id, action: step.compensate }
        : { kind: 'compensation-failed' as const, step: step.id, action: step.compensate, error: result.kind === 'timeout' ? 'ran past its budget' : String((result.error as Error)?.message ?? result.error) };
      if (!(await this.o.writer.append([end]))) return;
    }
  }

  /** Sends the ending notification (bounded), then writes the terminal entry the decision calls for. */
  private async finish(decision: Extract<Decision, { type: 'done' }>): Promise<RunResult> {
    await this.notices?.settle(decision);
    if (this.fatal !== undefined) throw asError(this.fatal);
    if (decision.recorded || !(await this.o.writer.append([terminalOf(decision)]))) return this.recorded();
    return { runId: this.o.runId, outcome: decision.outcome, ...(decision.failure ? { failure: decision.failure } : {}), ...(decision.abort ? { abort: decision.abort } : {}) };
  }

  /** The runner's own signal fired: journal it as an abort request, so the rollback follows the journal. */
  private async requestAbort(): Promise<void> {
    this.signalSeen = true;
    if (foldJournal(this.o.writer.entries).abortRequested) return;
    const reason = String((this.o.signal.reason as Error | undefined)?.message ?? this.o.signal.reason ?? 'aborted');
    await this.o.writer.append([{ kind: 'abort-requested', actor: this.o.actor, reason }]);
  }

  /** The outcome journaled by whoever ended the run (this process, or `run abort` on a dead run). */
  private recorded(): RunResult {
    const terminal = foldJournal(this.o.writer.entries).terminal;
    if (terminal?.kind === 'run-aborted') return { runId: this.o.runId, outcome: 'aborted', abort: { actor: terminal.actor, reason: terminal.reason } };
    if (terminal?.kind === 'run-failed') return { runId: this.o.runId, outcome: 'failed', failure: { step: terminal.step, nextAction: terminal.nextAction } };
    return { runId: this.o.runId, outcome: terminal?.kind === 'run-succeeded' ? 'succeeded' : 'aborted' };
  }
}

function terminalOf(decision: Extract<Decision, { type: 'done' }>): EntryDraft {
  if (decision.abort) return { kind: 'run-aborted', ...decision.abort };
  return decision.failure ? { kind: 'run-failed', ...decision.failure } : { kind: 'run-succeeded' };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
