import type { EvidenceReport } from './evidence-report.js';
import { reportCss } from './html-style.js';
import { journalTable, objectiveRows, outcomeLabel, reportTables, type ObjectiveRow, type ViewTable } from './report-view.js';

export interface HtmlOptions {
  /** The timeline chart as an SVG document (see `timelineOf` and `EchartsTimelineChart`). */
  timelineSvg?: string;
}

/** Nothing on the page may load anything: no scripts, no fetches, styles and SVG inline only. */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The report as one self-contained HTML page (no script, no external URL; a CSP forbids loading
 * anything): an outcome banner, the failure, RTO/RPO measured vs objective, the timeline chart, the
 * tables and the journal. Chromium prints the same page to the bundle's PDF.
 *
 * @example renderHtml(report, { timelineSvg: EchartsTimelineChart.fromConfig().render(timelineOf(report)) })
 */
export function renderHtml(report: EvidenceReport, options: HtmlOptions = {}): string {
  const head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}"><title>${esc(`${outcomeLabel(report)}: ${report.title}`)}</title><style>${reportCss}</style>`;
  const main = [failureHtml(report), cardsHtml(report), timelineHtml(report, options.timelineSvg), ...reportTables(report).map((t) => tableHtml(t)), notesHtml(report), tableHtml(journalTable(report), 'journal'), footerHtml(report)];
  return `<!doctype html>\n<html lang="en">\n<head>${head}</head>\n<body>\n${bannerHtml(report)}\n<main>\n${main.filter((s) => s !== '').join('\n')}\n</main>\n</body>\n</html>\n`;
}

function bannerHtml(r: EvidenceReport): string {
  const meta = `${r.kind} · plan ${r.plan.name} · run ${r.runId} · ${r.startedAt} → ${r.finishedAt}`;
  return `<header class="banner banner-${r.outcome}"><div class="verdict">${esc(outcomeLabel(r))}</div><h1>${esc(r.title)}</h1><p class="meta">${esc(meta)}</p></header>`;
}

function failureHtml(r: EvidenceReport): string {
  const f = r.failure;
  if (!f) return '';
  return `<section class="failure" id="failure"><h2>What failed</h2><dl><dt>Step</dt><dd>${esc(f.step)}</dd><dt>Reason</dt><dd>${esc(f.reason)}</dd><dt>Next action</dt><dd>${esc(f.nextAction)}</dd></dl></section>`;
}

function cardsHtml(r: EvidenceReport): string {
  return `<section class="cards" id="objectives">${objectiveRows(r).map(cardHtml).join('')}</section>`;
}

function cardHtml(row: ObjectiveRow): string {
  const verdict = row.verdict === '' ? '' : ` <span class="pill pill-${row.verdict.replace(' ', '-')}">${esc(row.verdict.toUpperCase())}</span>`;
  const objective = row.objective === '' ? 'outage to confirmation' : `objective ${esc(row.objective)}`;
  return `<div class="card card-${row.verdict.replace(' ', '-') || 'info'}"><div class="label">${esc(row.label)}</div><div class="value">${esc(row.measured)}</div><div class="objective">${objective}${verdict}</div></div>`;
}

function timelineHtml(r: EvidenceReport, svg: string | undefined): string {
  const origin = r.measured.outageAt ? `the outage (${r.measured.outageAt})` : `the start of the run (${r.startedAt})`;
  const caption = `Time from ${origin}. Each phase: elapsed (solid) over its budget (pale); vertical lines mark the RTO and RPO objectives and the measured values.`;
  const body = svg === undefined ? '<p class="empty">The timeline chart was not rendered.</p>' : inlineSvg(svg);
  return `<section id="timeline"><h2>Timeline</h2><figure>${body}<figcaption>${esc(caption)}</figcaption></figure></section>`;
}

/** An SVG document as inline markup: no XML prolog, no namespace declarations (HTML supplies them), no script. */
function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/\s+xmlns(:\w+)?="[^"]*"/g, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .trim();
}

function tableHtml(t: ViewTable, className = ''): string {
  const heading = `<h2>${esc(t.title)}</h2>`;
  if (t.rows.length === 0) return `<section id="${t.id}">${heading}<p class="empty">${esc(t.empty)}</p></section>`;
  const head = `<thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>`;
  const rows = t.rows.map((row) => `<tr${row.tone ? ` class="tone-${row.tone}"` : ''}>${row.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
  return `<section id="${t.id}">${heading}<table${className ? ` class="${className}"` : ''}>${head}<tbody>${rows.join('')}</tbody></table></section>`;
}

function notesHtml(r: EvidenceReport): string {
  if (r.notes.length === 0) return '';
  return `<section id="notes"><h2>Notes</h2><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>`;
}

function footerHtml(r: EvidenceReport): string {
  const head = r.journal.at(-1)?.hash ?? '-';
  return `<footer>${esc(r.schema)} · plan sha256 <code>${esc(r.plan.hash)}</code> · journal head <code>${esc(head)}</code><br>Check this bundle's signature and hashes with <code>lifeboat evidence verify DIR --key PUBLIC_KEY</code>.</footer>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
