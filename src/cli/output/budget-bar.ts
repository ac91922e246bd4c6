import { Duration } from '../../core/objectives/duration.js';
import type { JournalEntry } from '../../core/runbook/journal-entry.js';
import { foldJournal, type JournalState } from '../../core/runbook/journal-state.js';
import { measure } from '../../core/runbook/measure.js';
import { nodesOf, type RunbookNode } from '../../core/runbook/runbook.js';
import type { Palette } from './palette.js';

/** Where a step or gate stands in the journal. */
export type BarState = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed';

/** One row of the live view: a step or gate, its elapsed time and its budget. */
export interface BudgetRow {
  label: string;
  state: BarState;
  /** Undefined while pending. */
  elapsed: Duration | undefined;
  budget: Duration;
}

const MARK: Record<BarState, string> = { pending: '·', running: '▸', waiting: '…', succeeded: '✓', failed: '✗' };

/**
 * One step as a bar that fills with its elapsed time against its budget, full and red past it:
 * `✓ restore-shop  ██████░░░░  3m10s / 5m`. Times are shown to the second.
 *
 * @example formatBudgetBar({ label: 'restore', state: 'running', elapsed: Duration.seconds(190), budget: Duration.minutes(5) }, { labelWidth: 8, barWidth: 10, style })
 */
export function formatBudgetBar(row: BudgetRow, o: { labelWidth: number; barWidth: number; style: Palette }): string {
  const over = row.elapsed !== undefined && row.elapsed.isLongerThan(row.budget);
  const time = `${row.elapsed ? seconds(row.elapsed).toString() : '-'} / ${row.budget.toString()}`;
  const label = row.label.length > o.labelWidth ? `${row.label.slice(0, o.labelWidth - 1)}…` : row.label.padEnd(o.labelWidth);
  const line = `${MARK[row.state]} ${label}  ${bar(row, o.barWidth, over)}  ${time}`;
  if (over) return o.style.red(`${line}  over budget`);
  const paint = { failed: o.style.red, succeeded: o.style.green, pending: o.style.dim, running: plain, waiting: plain }[row.state];
  return paint(line);
}

function bar(row: BudgetRow, width: number, over: boolean): string {
  const budgetMs = row.budget.toMilliseconds();
  const elapsedMs = row.elapsed?.toMilliseconds();
  if (elapsedMs === undefined) return '░'.repeat(width);
  const share = over || budgetMs === 0 ? 1 : elapsedMs / budgetMs;
  const filled = Math.min(width, Math.floor(share * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function plain(text: string): string {
  return text;
}

/**
 * The rows of a run's live view, from its runbook and journal at `now`: every step, and every gate
 * that needs an approval, in runbook order, then the run's total against its critical-path budget.
 */
export function budgetRows(runbook: RunbookNode, entries: readonly JournalEntry[], now: Date): BudgetRow[] {
  const state = foldJournal(entries);
  const openUntil = state.terminal ? Date.parse(state.terminal.at) : now.getTime();
  const row = (label: string, rowState: BarState, budget: Duration): BudgetRow =>
    ({ label, state: rowState, elapsed: spanOf(label, entries, { open: rowState === 'running' || rowState === 'waiting', until: openUntil }), budget });
  const rows = nodesOf(runbook).flatMap((node): BudgetRow[] => {
    if (node.kind === 'step') return [row(node.id, stepState(node.id, state), node.budget)];
    return node.kind === 'gate' && node.approvals > 0 ? [row(node.id, gateState(node.id, node.approvals, state), node.budget)] : [];
  });
  const first = entries[0];
  const total = first ? Duration.milliseconds(Math.max(0, openUntil - Date.parse(first.at))) : undefined;
  const outcome: BarState = !state.terminal ? 'running' : state.terminal.kind === 'run-succeeded' ? 'succeeded' : 'failed';
  return [...rows, { label: 'total', state: outcome, elapsed: total, budget: measure(runbook, []).totalBudget }];
}

/** Every row as a bar, labels aligned, bars fitted to `columns`. */
export function formatBudgetView(rows: readonly BudgetRow[], o: { columns: number; style: Palette }): string[] {
  const labelWidth = Math.min(24, Math.max(5, ...rows.map((r) => r.label.length)));
  const barWidth = Math.max(5, Math.min(30, o.columns - labelWidth - 40));
  return rows.map((row) => formatBudgetBar(row, { labelWidth, barWidth, style: o.style }));
}

function stepState(id: string, state: JournalState): BarState {
  const record = state.steps.get(id);
  if (!record) return 'pending';
  if (record.end === undefined) return state.terminal ? 'failed' : 'running';
  return record.end;
}

function gateState(id: string, approvals: number, state: JournalState): BarState {
  const record = state.gates.get(id);
  if (record?.rejected) return 'failed';
  if ((record?.approvers.size ?? 0) >= approvals) return 'succeeded';
  if (!record?.announced) return 'pending';
  return state.terminal ? 'failed' : 'waiting';
}

/** From the first start (or gate-waiting) to `until` while it is open, else to its last end entry (or `until`, the run's end, without one). */
function spanOf(id: string, entries: readonly JournalEntry[], o: { open: boolean; until: number }): Duration | undefined {
  let start: number | undefined;
  let end: number | undefined;
  for (const e of entries) {
    if (subjectOf(e) !== id) continue;
    const at = Date.parse(e.at);
    if (e.kind === 'step-started' || e.kind === 'gate-waiting') start ??= at;
    else if (isEnd(e)) end = at;
  }
  if (start === undefined) return undefined;
  return Duration.milliseconds(Math.max(0, (o.open ? o.until : end ?? o.until) - start));
}

function subjectOf(e: JournalEntry): string | undefined {
  if (e.kind.startsWith('notification-')) return undefined;
  if ('step' in e && e.kind.startsWith('step-')) return e.step;
  return 'gate' in e ? e.gate : undefined;
}

function isEnd(e: JournalEntry): boolean {
  return ['step-succeeded', 'step-failed', 'step-timed-out', 'gate-approved', 'gate-rejected'].includes(e.kind);
}

function seconds(d: Duration): Duration {
  return Duration.milliseconds(Math.floor(d.toMilliseconds() / 1000) * 1000);
}
