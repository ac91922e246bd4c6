import { createHash } from 'node:crypto';
import type { Hasher } from '../../core/ports/hasher.js';

/** SHA-256 from node:crypto, for the journal's hash chain. */
export class NodeCryptoHasher implements Hasher {
  static fromConfig(): NodeCryptoHasher {
    return new NodeCryptoHasher();
  }

  sha256Hex(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }
}
