import type { Duration } from '../../core/objectives/duration.js';
import type { TabletopFlag, TabletopSummary } from '../../core/drills/tabletop-summary.js';
import type { TabletopStep } from '../../core/drills/tabletop-steps.js';
import { formatTable } from '../output/format-table.js';
import type { Palette } from '../output/palette.js';

const FLAG_TEXT: Record<TabletopFlag, string> = { 'no-owner': 'no owner', 'over-budget': 'over budget' };

/** The card shown before a step is discussed: what it does, its budget, what it would touch. */
export function formatStepCard(step: TabletopStep, position: { index: number; total: number }, touches: readonly string[] | undefined, style: Palette): string {
  const parallel = step.parallelWith.length > 0 ? `, in parallel with ${step.parallelWith.join(', ')}` : '';
  const lines = [
    '',
    style.bold(`[${position.index + 1}/${position.total}] ${step.kind} ${step.id}: ${step.title}`),
    `  phase ${step.phase}, budget ${step.budget.toString()}${parallel}`,
    '  what would happen:',
    ...step.commands.map((c) => `    ${c.startsWith('#') ? style.dim(c) : `$ ${c.replace(/\n/g, '\n      ')}`}`),
  ];
  if (touches) lines.push('  on the clusters now:', ...(touches.length > 0 ? touches : ['(no cluster for this step)']).map((t) => `    ${t}`));
  return `${lines.join('\n')}\n`;
}

/** The owner prompt: participants by number when the tabletop has a list. */
export function ownerPrompt(participants: readonly string[]): string {
  const listed = participants.map((p, i) => `${i + 1} ${p}`).join(', ');
  return participants.length > 0 ? `owner (${listed}, or a name; empty: nobody)> ` : 'owner (a name; empty: nobody)> ';
}

export function estimatePrompt(budget: Duration): string {
  return `estimate (a duration like 4m; budget ${budget.toString()})> `;
}

/** The flags a step got, in words; empty when none. */
export function formatFlags(flags: readonly TabletopFlag[], step: TabletopStep, estimate: Duration, style: Palette): string {
  if (flags.length === 0) return '';
  const words = flags.map((f) => (f === 'over-budget' ? `over budget (${estimate.toString()} > ${step.budget.toString()})` : FLAG_TEXT[f]));
  return `  ${style.yellow(`flag: ${words.join(', ')}`)}\n`;
}

/** The table of every step's answers, then the flags and the estimated RTO against the objective. */
export function formatSummary(summary: TabletopSummary, style: Palette): string {
  const rows = summary.rows.map((r) => [
    r.step.id, r.answer ? (r.answer.owner ?? '-') : '(not discussed)', r.answer?.estimate.toString() ?? '-', r.step.budget.toString(),
    r.answer ? `${Math.round(r.answer.discussedMs / 1000)}s` : '-', r.flags.map((f) => FLAG_TEXT[f]).join(', '),
  ]);
  const rto = `estimated RTO ${summary.estimatedRto.toString()} vs objective ${summary.objective.toString()} (budgets add up to ${summary.budgetedRto.toString()})`;
  const lines = [
    '', style.bold('tabletop summary'),
    formatTable(['STEP', 'OWNER', 'ESTIMATE', 'BUDGET', 'DISCUSSED', 'FLAGS'], rows).trimEnd(),
    '',
    summary.exceedsObjective ? style.red(`${rto}: exceeds it by ${summary.estimatedRto.minus(summary.objective).toString()}`) : style.green(`${rto}: within it`),
    ...(summary.unowned.length > 0 ? [style.yellow(`steps without an owner: ${summary.unowned.join(', ')}`)] : []),
    ...(summary.overBudget.length > 0 ? [style.yellow(`steps estimated over their budget: ${summary.overBudget.join(', ')}`)] : []),
    ...(summary.complete ? [] : [style.yellow(`not discussed: ${summary.rows.filter((r) => !r.answer).map((r) => r.step.id).join(', ')} (counted at their budgets)`)]),
  ];
  return `${lines.join('\n')}\n`;
}
