import { z } from 'zod';
import type { EvidenceSigner } from '../ports/evidence-signer.js';
import { canonicalJson } from '../runbook/canonical-json.js';

export const MANIFEST_SCHEMA = 'lifeboat.dev/evidence-manifest/v1';
export const MANIFEST_FILE = 'manifest.json';
export const REPORT_JSON_FILE = 'report.json';
export const JOURNAL_FILE = 'journal.jsonl';
/** Files every bundle must list: the rest (Markdown, HTML, PDF, JUnit) are renderings of these. */
export const requiredFiles = [REPORT_JSON_FILE, JOURNAL_FILE] as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/**
 * The signed index of an evidence bundle: the SHA-256 of every other file, the run and plan it is
 * about, the head of the published journal chain, and an Ed25519 signature over the canonical JSON of
 * all of it except `signature`. Strict: a field added after signing is a schema error.
 */
export const evidenceManifestSchema = z.strictObject({
  schema: z.literal(MANIFEST_SCHEMA),
  runId: z.string(),
  planHash: z.string(),
  /** The hash of the last entry of journal.jsonl. */
  journalHead: z.string(),
  createdAt: z.iso.datetime(),
  files: z.record(z.string(), sha256Hex),
  publicKey: z.string(),
  keyFingerprint: z.string(),
  signature: z.string(),
});

export type EvidenceManifest = z.infer<typeof evidenceManifestSchema>;
export type UnsignedManifest = Omit<EvidenceManifest, 'signature' | 'publicKey' | 'keyFingerprint'>;

/** The text the signature covers: the canonical JSON of the manifest without `signature`. */
export function signedText(manifest: Omit<EvidenceManifest, 'signature'> | EvidenceManifest): string {
  const { signature: _signature, ...rest } = manifest as EvidenceManifest;
  return canonicalJson(rest);
}

/**
 * Adds the signer's public key and fingerprint to the manifest and signs it.
 *
 * @example const manifest = signManifest({ schema: MANIFEST_SCHEMA, runId, planHash, journalHead, createdAt, files }, signer)
 */
export function signManifest(unsigned: UnsignedManifest, signer: EvidenceSigner): EvidenceManifest {
  const body = { ...unsigned, publicKey: signer.publicKey, keyFingerprint: signer.keyFingerprint };
  return { ...body, signature: signer.sign(signedText(body)) };
}

/** The manifest as its file holds it: keys sorted, indented, newline at the end. */
export function manifestText(manifest: EvidenceManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}
