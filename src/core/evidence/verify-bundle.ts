import type { EvidenceVerifier } from '../ports/evidence-signer.js';
import type { Hasher } from '../ports/hasher.js';
import { verifyChain } from '../runbook/hash-chain.js';
import type { JournalEntry } from '../runbook/journal-entry.js';
import { JOURNAL_FILE, MANIFEST_FILE, REPORT_JSON_FILE, requiredFiles, type EvidenceManifest } from './evidence-manifest.js';
import { parseJournalLines } from './journal-lines.js';
import { checkReportJson } from './verify-report.js';
import { checkManifest, type BundleProblem } from './verify-manifest.js';

/** What a verifier read from a bundle directory. */
export interface BundleContents {
  /** manifest.json's text; undefined when the file is missing. */
  manifest: string | undefined;
  /** Every other file in the directory and the hex SHA-256 of its bytes. */
  digests: ReadonlyMap<string, string>;
  journal: string | undefined;
  report: string | undefined;
}

export interface EvidenceVerdict {
  ok: boolean;
  runId: string | undefined;
  keyFingerprint: string | undefined;
  /** True when a trusted key was given and it signed the bundle. */
  trusted: boolean;
  problems: BundleProblem[];
}

/**
 * Verifies an evidence bundle: the manifest's signature (and signer, when a trusted key is given),
 * every file's SHA-256 against the manifest, no unlisted file, journal.jsonl's hash chain and head,
 * and report.json agreeing with the journal. Changing any byte of any file is found and named.
 */
export function checkBundle(contents: BundleContents, deps: { verifier: EvidenceVerifier; hasher: Hasher; trustedKey?: string }): EvidenceVerdict {
  const m = checkManifest(contents.manifest, deps.verifier, deps.trustedKey);
  const problems = [...m.problems];
  if (m.manifest) problems.push(...fileProblems(m.manifest, contents.digests), ...contentProblems(m.manifest, contents, deps.hasher));
  return { ok: problems.length === 0, runId: m.manifest?.runId, keyFingerprint: m.manifest?.keyFingerprint, trusted: m.trusted, problems };
}

function fileProblems(manifest: EvidenceManifest, digests: ReadonlyMap<string, string>): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const name of requiredFiles) if (!(name in manifest.files)) problems.push({ file: name, reason: 'not listed in the manifest' });
  for (const [name, expected] of Object.entries(manifest.files)) {
    const actual = digests.get(name);
    if (actual === undefined) problems.push({ file: name, reason: 'listed in the manifest but missing' });
    else if (actual !== expected) problems.push({ file: name, reason: `SHA-256 ${actual} is not the manifest's ${expected}: changed after signing` });
  }
  for (const name of digests.keys()) {
    if (name !== MANIFEST_FILE && !(name in manifest.files)) problems.push({ file: name, reason: 'not listed in the manifest (added after signing)' });
  }
  return problems;
}

function contentProblems(manifest: EvidenceManifest, contents: BundleContents, hasher: Hasher): BundleProblem[] {
  if (contents.journal === undefined) return [];
  const parsed = parseJournalLines(contents.journal);
  const problems: BundleProblem[] = parsed.problems.map((reason) => ({ file: JOURNAL_FILE, reason }));
  if (parsed.problems.length === 0) problems.push(...chainProblems(parsed.entries, manifest, hasher));
  if (contents.report !== undefined) {
    problems.push(...checkReportJson(contents.report, { manifest, journal: parsed.problems.length === 0 ? parsed.raw : undefined }).map((reason) => ({ file: REPORT_JSON_FILE, reason })));
  }
  return problems;
}

function chainProblems(entries: readonly JournalEntry[], manifest: EvidenceManifest, hasher: Hasher): BundleProblem[] {
  const problems: string[] = [];
  const chain = verifyChain(entries, hasher);
  if (!chain.ok) problems.push(`hash chain broken at #${chain.seq}: ${chain.reason}`);
  const head = entries.at(-1)?.hash;
  if (head !== manifest.journalHead) problems.push(`the last entry's hash ${head ?? '(none)'} is not the manifest's journalHead ${manifest.journalHead}`);
  const started = entries[0];
  if (started?.kind !== 'run-started') problems.push('the first entry is not run-started');
  else if (started.runId !== manifest.runId || started.planHash !== manifest.planHash) problems.push('run-started names another run or plan hash than the manifest');
  return problems.map((reason) => ({ file: JOURNAL_FILE, reason }));
}

