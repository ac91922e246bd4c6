import { createHash, createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { EvidenceVerifier } from '../../core/ports/evidence-signer.js';

/** `sha256:` and the hex SHA-256 of a public key's SPKI DER bytes. */
export function fingerprintOfKey(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/**
 * Checks Ed25519 signatures of evidence manifests. A key is accepted as a PEM public key (SPKI) or,
 * for convenience, a PEM private key (its public half is used); anything else is "not a key".
 */
export class Ed25519EvidenceVerifier implements EvidenceVerifier {
  static fromConfig(): Ed25519EvidenceVerifier {
    return new Ed25519EvidenceVerifier();
  }

  verify(text: string, signature: string, publicKey: string): boolean {
    const key = ed25519PublicKey(publicKey);
    // Node's base64 decoder skips stray characters and unused bits: only the canonical encoding counts,
    // so that no change to the signature's text leaves it valid.
    if (!key || Buffer.from(signature, 'base64').toString('base64') !== signature) return false;
    try {
      return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  fingerprintOf(publicKey: string): string | undefined {
    const key = ed25519PublicKey(publicKey);
    return key ? fingerprintOfKey(key) : undefined;
  }
}

function ed25519PublicKey(pem: string): KeyObject | undefined {
  try {
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}
