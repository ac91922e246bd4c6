import type { Writable } from 'node:stream';
import { formatEntry } from '../../core/runbook/format-entry.js';
import type { JournalEntry } from '../../core/runbook/journal-entry.js';
import { fromRunbookJson } from '../../core/runbook/runbook-json.js';
import type { RunbookNode } from '../../core/runbook/runbook.js';
import type { CliContext } from '../cli-context.js';
import { budgetRows, formatBudgetView } from './budget-bar.js';
import { palette, type Palette } from './palette.js';

/** Shows a run's journal as it lands; `stop` when the run has ended. */
export interface RunView {
  onEntry(entry: JournalEntry): void;
  stop(): void;
}

/**
 * How a command shows a run: on a terminal (not under NO_COLOR or CI), the journal lines scroll
 * above a block of budget bars redrawn every second; otherwise one line per journal entry, as a log
 * or a pipe wants it.
 *
 * @example const view = runView(ctx); await runFailover({ ..., onEntry: (e) => view.onEntry(e) }); view.stop();
 */
export function runView(ctx: Pick<CliContext, 'stdout' | 'env'>): RunView {
  const live = ctx.stdout.isTTY === true && !ctx.env.NO_COLOR && !ctx.env.CI;
  if (!live) return { onEntry: (e) => { ctx.stdout.write(`  ${formatEntry(e)}\n`); }, stop: () => undefined };
  const columns = (ctx.stdout as { columns?: number }).columns ?? 80;
  return new LiveBudgetView(ctx.stdout, palette(ctx.stdout, ctx.env), { columns });
}

/**
 * The terminal view: each redraw moves the cursor to the top of the bar block, clears to the end of
 * the screen, writes the journal lines that arrived since (they scroll up and may wrap), then the bars
 * again, fitted to the terminal's width so that no bar line wraps (that would throw the cursor off).
 */
export class LiveBudgetView implements RunView {
  private readonly entries: JournalEntry[] = [];
  private runbook: RunbookNode | undefined;
  private drawn = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly out: Writable,
    private readonly style: Palette,
    private readonly o: { columns: number; now?: () => Date; everyMs?: number },
  ) {
    this.timer = setInterval(() => this.redraw([]), o.everyMs ?? 1000);
    this.timer.unref();
  }

  onEntry(entry: JournalEntry): void {
    this.entries.push(entry);
    if (entry.kind === 'run-started') this.runbook = fromRunbookJson(entry.runbook);
    this.redraw([`  ${formatEntry(entry)}`]);
  }

  /** Stops redrawing; the last frame stays on screen. */
  stop(): void {
    clearInterval(this.timer);
    this.redraw([]);
  }

  private redraw(lines: readonly string[]): void {
    const up = this.drawn > 0 ? `\u001b[${this.drawn}A\r\u001b[J` : '';
    const block = this.runbook ? formatBudgetView(budgetRows(this.runbook, this.entries, (this.o.now ?? (() => new Date()))()), { columns: this.o.columns, style: this.style }) : [];
    this.out.write(`${up}${lines.map((l) => `${l}\n`).join('')}${block.map((l) => `${l}\n`).join('')}`);
    this.drawn = block.length;
  }
}
