import type { EvidenceVerifier } from '../ports/evidence-signer.js';
import { issuePath } from './issue-text.js';
import { MANIFEST_FILE, evidenceManifestSchema, signedText, type EvidenceManifest } from './evidence-manifest.js';

export interface BundleProblem {
  /** The bundle file at fault (manifest.json, journal.jsonl, report.html, ...). */
  file: string;
  reason: string;
}

export interface ManifestCheck {
  manifest: EvidenceManifest | undefined;
  /** True when the manifest was signed by the trusted key (false when none was given). */
  trusted: boolean;
  problems: BundleProblem[];
}

/**
 * Reads and checks a bundle's manifest: the schema, the fingerprint of the embedded key, the
 * signature, and, when a trusted public key is given, that it is the key that signed. Without a
 * trusted key a valid signature proves only that nothing changed since signing, not who signed.
 */
export function checkManifest(text: string | undefined, verifier: EvidenceVerifier, trustedKey?: string): ManifestCheck {
  const problem = (reason: string): ManifestCheck => ({ manifest: undefined, trusted: false, problems: [{ file: MANIFEST_FILE, reason }] });
  if (text === undefined) return problem('missing: this is not an evidence bundle, or its manifest was removed');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem('not valid JSON');
  }
  const parsed = evidenceManifestSchema.safeParse(raw);
  if (!parsed.success) return problem(`not a manifest: ${parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ')}`);
  const manifest = parsed.data;
  return { manifest, ...keyProblems(manifest, verifier, trustedKey) };
}

function keyProblems(manifest: EvidenceManifest, verifier: EvidenceVerifier, trustedKey: string | undefined): { trusted: boolean; problems: BundleProblem[] } {
  const embedded = verifier.fingerprintOf(manifest.publicKey);
  if (embedded === undefined) return { trusted: false, problems: [{ file: MANIFEST_FILE, reason: 'publicKey is not an Ed25519 public key' }] };
  const reasons: string[] = [];
  if (embedded !== manifest.keyFingerprint) reasons.push(`keyFingerprint ${manifest.keyFingerprint} is not the fingerprint of publicKey (${embedded})`);
  if (!verifier.verify(signedText(manifest), manifest.signature, manifest.publicKey)) reasons.push('the signature does not match the manifest (changed after signing)');
  if (trustedKey !== undefined) reasons.push(...trustProblems(embedded, verifier.fingerprintOf(trustedKey)));
  return { trusted: trustedKey !== undefined && reasons.length === 0, problems: reasons.map((reason) => ({ file: MANIFEST_FILE, reason })) };
}

/** The signer must be the trusted key: same fingerprint (the signature was checked with the embedded key). */
function trustProblems(embedded: string, trusted: string | undefined): string[] {
  if (trusted === undefined) return ['the trusted key given is not an Ed25519 public key'];
  return trusted === embedded ? [] : [`signed by key ${embedded}, not by the trusted key ${trusted}`];
}
