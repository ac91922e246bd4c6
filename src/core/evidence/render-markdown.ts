import type { EvidenceReport } from './evidence-report.js';
import { journalTable, objectiveRows, outcomeLabel, reportTables, type ViewTable } from './report-view.js';

/**
 * The report as GitHub-flavoured Markdown: outcome, failure, objectives vs measured, then every table
 * and the journal. Cell text is escaped so a `|`, `<` or newline from a journal cannot break the layout.
 *
 * @example writeFileSync('report.md', renderMarkdown(report))
 */
export function renderMarkdown(report: EvidenceReport): string {
  const parts = [
    `# ${inline(report.title)}`,
    `**${outcomeLabel(report)}** · ${report.kind} · run \`${code(report.runId)}\` · plan \`${code(report.plan.name)}\` (sha256 \`${code(report.plan.hash)}\`)`,
    `Started ${report.startedAt}, finished ${report.finishedAt}.`,
    ...failureSection(report),
    '## Objectives',
    table(['', 'Objective', 'Measured', 'Verdict'], objectiveRows(report).map((r) => [r.label, r.objective, r.measured, r.verdict])),
    ...reportTables(report).flatMap(section),
    ...notesSection(report),
    ...section(journalTable(report)),
    `---\nSchema ${report.schema}. Verify a bundle with \`lifeboat evidence verify DIR --key PUBLIC_KEY\`.`,
  ];
  return `${parts.join('\n\n')}\n`;
}

function failureSection(report: EvidenceReport): string[] {
  const f = report.failure;
  if (!f) return [];
  return ['## Failure', table(['Step', 'Reason', 'Next action'], [[f.step, f.reason, f.nextAction]])];
}

function notesSection(report: EvidenceReport): string[] {
  return report.notes.length === 0 ? [] : ['## Notes', report.notes.map((n) => `- ${inline(n)}`).join('\n')];
}

function section(t: ViewTable): string[] {
  return [`## ${inline(t.title)}`, t.rows.length === 0 ? `_${inline(t.empty)}_` : table(t.columns, t.rows.map((r) => r.cells))];
}

function table(columns: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(inline).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** One line of text that renders as itself: no table breaks, no raw HTML. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return text.replace(/`/g, "'");
}
