import { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';
import type { NotificationEvent } from '../ports/notifier.js';
import type { NotificationDelivery, RunNotification, RunNotifier } from '../ports/run-notifier.js';
import type { Decision } from './engine.js';
import type { JournalEntry } from './journal-entry.js';
import { foldJournal, stepOutputs, type JournalState } from './journal-state.js';
import type { JournalWriter } from './journal-writer.js';
import { nodesOf, type GateNode, type RunbookNode } from './runbook.js';
import { withBudget } from './with-budget.js';

/** A run-level notification that is due: its event and, for approval-needed, the gate. */
export interface DueNotification {
  event: NotificationEvent;
  gate?: GateNode;
}

/**
 * The notifications due now, decided from the journal alone: `failover-started` once the run has
 * started, and `approval-needed` for each gate that has been waiting at least `grace` (so a starter's
 * own `--yes` approval lands first) and still lacks approvals. Each is due once per run: a
 * notification-started entry for it, even one whose sending a crash cut short, means never again
 * (at most once, across resumes).
 *
 * @example dueNotifications(runbook, entries, clock.now(), Duration.seconds(1)) // [{ event: 'failover-started' }]
 */
export function dueNotifications(runbook: RunbookNode, entries: readonly JournalEntry[], now: Date, grace: Duration): DueNotification[] {
  const state = foldJournal(entries);
  if (!state.started || state.terminal) return [];
  const sent = sentNotifications(entries);
  const due: DueNotification[] = sent.has(keyOf('failover-started')) ? [] : [{ event: 'failover-started' }];
  for (const gate of nodesOf(runbook).filter((n): n is GateNode => n.kind === 'gate')) {
    if (!sent.has(keyOf('approval-needed', gate.id)) && waitsForApproval(gate, state, entries, now.getTime() - grace.toMilliseconds())) {
      due.push({ event: 'approval-needed', gate });
    }
  }
  return due;
}

/** Keys (`event` or `event/gate`) of every notification the journal shows as started. */
export function sentNotifications(entries: readonly JournalEntry[]): Set<string> {
  return new Set(entries.flatMap((e) => (e.kind === 'notification-started' ? [keyOf(e.event, e.gate)] : [])));
}

function keyOf(event: string, gate?: string): string {
  return gate === undefined ? event : `${event}/${gate}`;
}

function waitsForApproval(gate: GateNode, state: JournalState, entries: readonly JournalEntry[], waitingBefore: number): boolean {
  const record = state.gates.get(gate.id);
  if (gate.approvals === 0 || !record?.announced || record.rejected || state.abortRequested) return false;
  if (record.approvers.size >= gate.approvals) return false;
  const waiting = entries.find((e) => e.kind === 'gate-waiting' && e.gate === gate.id);
  return waiting !== undefined && Date.parse(waiting.at) <= waitingBefore;
}

export interface RunNoticesOptions {
  runId: string;
  runbook: RunbookNode;
  writer: JournalWriter;
  notifier: RunNotifier;
  clock: Clock;
  /** Longest wait for one notification: past it, its channels are journaled as failed and the run goes on. */
  timeout: Duration;
  /** How long a gate waits before approval-needed goes out. */
  grace: Duration;
  /** A journal write that failed (the lease was lost) stops the run like a step's would. */
  onError: (error: unknown) => void;
}

/**
 * Sends a run's notifications for the runner: each one journaled before it goes out
 * (notification-started) and after (notification-ended, naming the channels that failed). Sending runs
 * beside the steps and never fails the run; only the ending one (`failover-failed`) is waited for,
 * within the timeout, because nothing may be journaled after the terminal entry.
 */
export class RunNotices {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly o: RunNoticesOptions) {}

  /** Starts sending, in the background, what the journal says is due now. */
  launchDue(now: Date): void {
    for (const due of dueNotifications(this.o.runbook, this.o.writer.entries, now, this.o.grace)) this.launch(due, {});
  }

  /** Before the terminal entry: sends failover-failed for a failed or aborted run, and waits for every notification in flight. */
  async settle(decision: Extract<Decision, { type: 'done' }>): Promise<void> {
    const ending = !decision.recorded && decision.outcome !== 'succeeded';
    if (ending && !sentNotifications(this.o.writer.entries).has(keyOf('failover-failed'))) {
      this.launch({ event: 'failover-failed' }, { ...(decision.failure ? { failure: decision.failure } : {}), ...(decision.abort ? { abort: decision.abort } : {}) });
    }
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private launch(due: DueNotification, extra: Pick<RunNotification, 'failure' | 'abort'>): void {
    const key = keyOf(due.event, due.gate?.id);
    if (this.inFlight.has(key)) return;
    const task = this.deliver(due, extra)
      .catch((error: unknown) => this.o.onError(error))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, task);
  }

  private async deliver(due: DueNotification, extra: Pick<RunNotification, 'failure' | 'abort'>): Promise<void> {
    const channels = this.o.notifier.subscribers(due.event);
    if (channels.length === 0) return;
    const subject = { event: due.event, ...(due.gate ? { gate: due.gate.id } : {}) };
    if (!(await this.o.writer.append([{ kind: 'notification-started', ...subject, channels }]))) return;
    const notification = { ...this.notification(due.gate), ...extra };
    const result = await withBudget(() => this.o.notifier.send(due.event, notification), {
      clock: this.o.clock, budget: this.o.timeout, grace: Duration.zero, outer: new AbortController().signal,
    });
    const delivery: NotificationDelivery = result.kind === 'ok'
      ? result.value
      : { delivered: [], failed: channels.map((channel) => ({ channel, error: result.kind === 'timeout' ? `no answer within ${this.o.timeout.toString()}` : messageOf(result.error) })) };
    await this.o.writer.append([{ kind: 'notification-ended', ...subject, delivered: delivery.delivered, failed: delivery.failed }]);
  }

  private notification(gate: GateNode | undefined): RunNotification {
    const entries = this.o.writer.entries;
    const state = foldJournal(entries);
    const approvers = gate ? [...(state.gates.get(gate.id)?.approvers ?? [])] : [];
    return {
      runId: this.o.runId,
      runbook: this.o.runbook.id,
      ...(state.started ? { startedBy: state.started.actor } : {}),
      outputs: stepOutputs(entries),
      ...(gate ? { gate: { id: gate.id, title: gate.title, approvals: gate.approvals, approvers } } : {}),
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
