import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { Ed25519EvidenceSigner } from './ed25519-evidence-signer.js';
import { Ed25519EvidenceVerifier } from './ed25519-evidence-verifier.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'lifeboat-evkey-'));
const verifier = Ed25519EvidenceVerifier.fromConfig();

describe('Ed25519EvidenceSigner', () => {
  it('signs text that the verifier accepts with its public key, and nothing else', () => {
    const sut = Ed25519EvidenceSigner.fromConfig({ keyFile: join(dir(), 'key.pem'), create: true });
    const other = Ed25519EvidenceSigner.fromConfig({ keyFile: join(dir(), 'key.pem'), create: true });

    const signature = sut.sign('{"runId":"r1"}');

    expect(verifier.verify('{"runId":"r1"}', signature, sut.publicKey)).toBe(true);
    expect(verifier.verify('{"runId":"r2"}', signature, sut.publicKey)).toBe(false);
    expect(verifier.verify('{"runId":"r1"}', signature, other.publicKey)).toBe(false);
    expect(verifier.verify('{"runId":"r1"}', `A${signature.slice(1)}`, sut.publicKey)).toBe(false);
  });

  it('accepts only the canonical base64 of a signature: a changed padding or unused bit is a bad signature', () => {
    const sut = Ed25519EvidenceSigner.fromConfig({ keyFile: join(dir(), 'key.pem'), create: true });
    const signature = sut.sign('text');
    const last = signature.at(-3) ?? 'A';
    const sameBytes = `${signature.slice(0, -3)}${String.fromCharCode(last.charCodeAt(0) ^ 0x01)}==`;

    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(verifier.verify('text', `${signature.slice(0, -1)}<`, sut.publicKey)).toBe(false);
    expect(verifier.verify('text', sameBytes, sut.publicKey)).toBe(false);
  });

  it('creates its key on first use with mode 0600 and reuses it afterwards', () => {
    const keyFile = join(dir(), 'state', 'evidence-signing-key.pem');

    const first = Ed25519EvidenceSigner.fromConfig({ keyFile, create: true });
    const second = Ed25519EvidenceSigner.fromConfig({ keyFile, create: true });

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(second.publicKey).toBe(first.publicKey);
    expect(first.keyFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifier.fingerprintOf(first.publicKey)).toBe(first.keyFingerprint);
  });

  it('refuses a named key file that does not exist instead of making one up', () => {
    const keyFile = join(dir(), 'missing.pem');

    expect(() => Ed25519EvidenceSigner.fromConfig({ keyFile })).toThrow(InputError);
    expect(() => Ed25519EvidenceSigner.fromConfig({ keyFile })).toThrow(/no such evidence signing key file/);
  });

  it('refuses a key that is not Ed25519', () => {
    const keyFile = join(dir(), 'rsa.pem');
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));

    expect(() => Ed25519EvidenceSigner.fromConfig({ keyFile })).toThrow(/expected an Ed25519 private key, got rsa/);
  });
});

describe('Ed25519EvidenceVerifier', () => {
  it('takes a private key file as a trusted key (its public half) and rejects text that is no key', () => {
    const keyFile = join(dir(), 'key.pem');
    const signer = Ed25519EvidenceSigner.fromConfig({ keyFile, create: true });

    expect(verifier.fingerprintOf(readFileSync(keyFile, 'utf8'))).toBe(signer.keyFingerprint);
    expect(verifier.fingerprintOf('not a key')).toBeUndefined();
    expect(verifier.verify('x', signer.sign('x'), 'not a key')).toBe(false);
  });
});
