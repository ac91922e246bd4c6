import { canonicalJson } from '../runbook/canonical-json.js';
import type { EvidenceManifest } from './evidence-manifest.js';
import { evidenceReportSchema } from './evidence-report.js';
import { issuePath } from './issue-text.js';

/**
 * Checks report.json against the rest of the bundle: it is an evidence report, about the manifest's
 * run and plan, and its journal is exactly journal.jsonl's entries (when those could be read).
 */
export function checkReportJson(text: string, against: { manifest: EvidenceManifest; journal: unknown[] | undefined }): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return ['not valid JSON'];
  }
  const parsed = evidenceReportSchema.safeParse(raw);
  if (!parsed.success) return [`not an evidence report: ${parsed.error.issues.slice(0, 3).map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ')}`];
  const report = parsed.data;
  const problems: string[] = [];
  if (report.runId !== against.manifest.runId) problems.push(`runId ${report.runId} is not the manifest's ${against.manifest.runId}`);
  if (report.plan.hash !== against.manifest.planHash) problems.push("plan.hash is not the manifest's planHash");
  const journal = (raw as { journal?: unknown }).journal;
  if (against.journal && canonicalJson(journal) !== canonicalJson(against.journal)) problems.push('its journal differs from journal.jsonl');
  return problems;
}
