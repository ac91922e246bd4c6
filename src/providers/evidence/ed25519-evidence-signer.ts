import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { EvidenceSigner } from '../../core/ports/evidence-signer.js';
import { fingerprintOfKey } from './ed25519-evidence-verifier.js';

/**
 * Signs evidence manifests with an Ed25519 key (node:crypto) held in a PKCS#8 PEM file.
 * `fromConfig` generates the key on first use when `create` is set (the state directory's own key),
 * writing it with mode 0600; a named key file that is missing is an error, never silently replaced.
 *
 * @example Ed25519EvidenceSigner.fromConfig({ keyFile: '/var/lib/lifeboat/evidence-signing-key.pem', create: true }).sign(text)
 */
export class Ed25519EvidenceSigner implements EvidenceSigner {
  readonly publicKey: string;
  readonly keyFingerprint: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new InputError([{ path: 'evidence key', message: `expected an Ed25519 private key, got ${privateKey.asymmetricKeyType ?? 'another kind'}` }]);
    const pub = createPublicKey(privateKey);
    this.publicKey = pub.export({ type: 'spki', format: 'pem' }).toString();
    this.keyFingerprint = fingerprintOfKey(pub);
  }

  static fromConfig(config: { keyFile: string; create?: boolean }): Ed25519EvidenceSigner {
    return new Ed25519EvidenceSigner(createPrivateKey(readOrCreate(config.keyFile, config.create ?? false)));
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }
}

function readOrCreate(file: string, create: boolean): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError([{ path: file, message: `cannot read the evidence signing key: ${(error as Error).message}` }]);
    if (!create) throw new InputError([{ path: file, message: 'no such evidence signing key file' }]);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (error) {
    // Another process created it first: use theirs, so one state directory has one key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw error;
  }
}
