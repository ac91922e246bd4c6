import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NotFoundError } from '../core/errors.js';
import { JOURNAL_FILE, MANIFEST_FILE, REPORT_JSON_FILE } from '../core/evidence/evidence-manifest.js';
import { checkBundle, type EvidenceVerdict } from '../core/evidence/verify-bundle.js';
import { Ed25519EvidenceVerifier } from '../providers/evidence/ed25519-evidence-verifier.js';
import { NodeCryptoHasher } from '../providers/store/node-crypto-hasher.js';

export type BundleVerdict = EvidenceVerdict & { bundle: string };

/**
 * Verifies an evidence bundle on disk: `path` is its directory or any file in it. Checks the
 * manifest's Ed25519 signature (and, given `trustedKey` as PEM text, that this key signed it), the
 * SHA-256 of every file, that no file was added, journal.jsonl's hash chain and head, and that
 * report.json carries the same journal. Each problem names its file.
 *
 * @example const verdict = verifyEvidence('evidence/drill-1', { trustedKey: readFileSync('lifeboat-evidence.pub', 'utf8') })
 */
export function verifyEvidence(path: string, options: { trustedKey?: string } = {}): BundleVerdict {
  const bundle = bundleDirOf(path);
  const digests = new Map<string, string>();
  for (const entry of readdirSync(bundle, { withFileTypes: true })) {
    if (entry.name === MANIFEST_FILE) continue;
    digests.set(entry.name, entry.isFile() ? createHash('sha256').update(readFileSync(join(bundle, entry.name))).digest('hex') : `(${entry.isDirectory() ? 'directory' : 'not a file'})`);
  }
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(join(bundle, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  const verdict = checkBundle(
    { manifest: read(MANIFEST_FILE), digests, journal: read(JOURNAL_FILE), report: read(REPORT_JSON_FILE) },
    { verifier: Ed25519EvidenceVerifier.fromConfig(), hasher: NodeCryptoHasher.fromConfig(), trustedKey: options.trustedKey },
  );
  return { ...verdict, bundle };
}

function bundleDirOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    throw new NotFoundError(`no such file or directory: ${path}`);
  }
}
