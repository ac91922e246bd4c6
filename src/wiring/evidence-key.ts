import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { Ed25519EvidenceSigner } from '../providers/evidence/ed25519-evidence-signer.js';
import { stateDirOf } from './journal.js';

/** The signing key's file name in the state directory. */
export const EVIDENCE_KEY_FILE = 'evidence-signing-key.pem';

/** Where the evidence signing key is: $LIFEBOAT_EVIDENCE_KEY_FILE, else the state directory's own key. */
export function evidenceKeyFile(env: NodeJS.ProcessEnv = process.env): { file: string; own: boolean } {
  const given = env.LIFEBOAT_EVIDENCE_KEY_FILE;
  return given ? { file: given, own: false } : { file: join(stateDirOf(env), EVIDENCE_KEY_FILE), own: true };
}

/**
 * The signer of evidence bundles: the Ed25519 key named by $LIFEBOAT_EVIDENCE_KEY_FILE (which must
 * exist), else `$LIFEBOAT_STATE_DIR/evidence-signing-key.pem`, generated on first use with mode 0600.
 */
export function evidenceSigner(env: NodeJS.ProcessEnv = process.env): Ed25519EvidenceSigner {
  const { file, own } = evidenceKeyFile(env);
  return Ed25519EvidenceSigner.fromConfig({ keyFile: file, create: own });
}

/** Reads a public key file for `--key` (a private key file is accepted too: its public half is used). */
export function readTrustedKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([{ path: '--key', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}` }]);
  }
}
