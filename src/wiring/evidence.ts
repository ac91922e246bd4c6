import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError } from '../core/errors.js';
import { JOURNAL_FILE, MANIFEST_FILE, MANIFEST_SCHEMA, REPORT_JSON_FILE, manifestText, signManifest, type EvidenceManifest } from '../core/evidence/evidence-manifest.js';
import type { EvidenceReport } from '../core/evidence/evidence-report.js';
import { journalLines } from '../core/evidence/journal-lines.js';
import { renderHtml } from '../core/evidence/render-html.js';
import { renderJson } from '../core/evidence/render-json.js';
import { renderJunit } from '../core/evidence/render-junit.js';
import { renderMarkdown } from '../core/evidence/render-markdown.js';
import { timelineOf, type TimelineModel } from '../core/evidence/timeline.js';
import type { EvidenceSigner } from '../core/ports/evidence-signer.js';
import { ChromiumBrowser } from '../providers/browser/chromium-browser.js';
import { EchartsTimelineChart } from '../providers/evidence/echarts-timeline-chart.js';
import { evidenceSigner } from './evidence-key.js';

export { verifyEvidence } from './verify-evidence.js';

/** The files of a bundle besides the manifest, in the order they are written. */
export const BUNDLE_FILES = [REPORT_JSON_FILE, JOURNAL_FILE, 'report.md', 'report.junit.xml', 'report.html', 'report.pdf'] as const;

export interface BundleDeps {
  /** Default: the state directory's key (or $LIFEBOAT_EVIDENCE_KEY_FILE), see `evidenceSigner`. */
  signer?: EvidenceSigner;
  /** HTML to PDF; default Chromium at /usr/bin/chromium. `false` leaves report.pdf out of the bundle. */
  pdf?: ((html: string) => Promise<Buffer>) | false;
  /** The timeline chart as SVG; default echarts' server-side renderer. */
  chart?: (model: TimelineModel) => string;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export interface WrittenBundle {
  dir: string;
  manifest: EvidenceManifest;
  /** Every file written, manifest.json last. */
  files: string[];
}

/**
 * Writes a signed evidence bundle for a report into `dir`: report.json (canonical key order),
 * journal.jsonl (the run's entries, one canonical JSON per line), report.md, report.junit.xml,
 * report.html (self-contained, with the timeline chart), report.pdf (Chromium), and manifest.json with
 * the SHA-256 of each and an Ed25519 signature. Refuses a directory holding other files, since
 * `lifeboat evidence verify` rejects files the manifest does not list.
 *
 * @example await writeEvidenceBundle(evidenceFromRun({ ... }), 'evidence/drill-2026-11', { env: process.env })
 */
export async function writeEvidenceBundle(report: EvidenceReport, dir: string, deps: BundleDeps = {}): Promise<WrittenBundle> {
  prepareDir(dir);
  const contents = await renderBundleFiles(report, deps);
  const files: Record<string, string> = {};
  for (const [name, body] of contents) {
    writeFileSync(join(dir, name), body);
    files[name] = createHash('sha256').update(body).digest('hex');
  }
  const signer = deps.signer ?? evidenceSigner(deps.env ?? process.env);
  const manifest = signManifest({
    schema: MANIFEST_SCHEMA, runId: report.runId, planHash: report.plan.hash, journalHead: report.journal.at(-1)?.hash ?? '',
    createdAt: (deps.now?.() ?? new Date()).toISOString(), files,
  }, signer);
  writeFileSync(join(dir, MANIFEST_FILE), manifestText(manifest));
  return { dir, manifest, files: [...Object.keys(files), MANIFEST_FILE] };
}

/** Every bundle file but the manifest, rendered: name and bytes. */
export async function renderBundleFiles(report: EvidenceReport, deps: Pick<BundleDeps, 'chart' | 'pdf'> = {}): Promise<Array<[string, string | Buffer]>> {
  const chart = deps.chart ?? ((model: TimelineModel): string => EchartsTimelineChart.fromConfig().render(model));
  const html = renderHtml(report, { timelineSvg: chart(timelineOf(report)) });
  const pdf = deps.pdf ?? ((text: string): Promise<Buffer> => ChromiumBrowser.fromConfig().htmlToPdf(text));
  return [
    [REPORT_JSON_FILE, renderJson(report)],
    [JOURNAL_FILE, journalLines(report.journal)],
    ['report.md', renderMarkdown(report)],
    ['report.junit.xml', renderJunit(report)],
    ['report.html', html],
    ...(pdf === false ? [] : [['report.pdf', await pdf(html)] as [string, Buffer]]),
  ];
}

/** Creates the directory, or clears an earlier bundle from it; any other file in it is a conflict. */
function prepareDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const ours = new Set<string>([...BUNDLE_FILES, MANIFEST_FILE]);
  const others = readdirSync(dir).filter((name) => !ours.has(name));
  if (others.length > 0) throw new ConflictError(`${dir} holds files that are not part of an evidence bundle (${others.slice(0, 3).join(', ')}): choose an empty directory`);
  for (const name of ours) rmSync(join(dir, name), { force: true });
}
