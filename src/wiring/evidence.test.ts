import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../../test/fixtures/evidence/sample-run.js';
import { sampleReport } from '../../test/fixtures/evidence/sample-report.js';
import { pdfText } from '../../test/fixtures/evidence/pdf-text.js';
import { canonicalJson } from '../core/runbook/canonical-json.js';
import type { EvidenceReport } from '../core/evidence/evidence-report.js';
import { ConflictError, InputError } from '../core/errors.js';
import { checkBundle } from '../core/evidence/verify-bundle.js';
import { Ed25519EvidenceSigner } from '../providers/evidence/ed25519-evidence-signer.js';
import { Ed25519EvidenceVerifier } from '../providers/evidence/ed25519-evidence-verifier.js';
import { NodeCryptoHasher } from '../providers/store/node-crypto-hasher.js';
import { evidenceSigner } from './evidence-key.js';
import { verifyEvidence, writeEvidenceBundle, type WrittenBundle } from './evidence.js';

let root = '';
let env: NodeJS.ProcessEnv = {};
let report: EvidenceReport;
let written: WrittenBundle;
let copies = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lifeboat-evidence-'));
  env = { LIFEBOAT_STATE_DIR: join(root, 'state') };
  ({ report } = await sampleReport());
  written = await writeEvidenceBundle(report, join(root, 'bundle'), { env });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh copy of the bundle to tamper with. */
function copy(): string {
  const dir = join(root, `copy-${++copies}`);
  cpSync(written.dir, dir, { recursive: true });
  return dir;
}

function flipByte(file: string, at = 0.5): void {
  const bytes = readFileSync(file);
  const i = Math.floor(bytes.length * at);
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
}

const trustedKey = (): string => evidenceSigner(env).publicKey;
const problemFiles = (dir: string, key?: string): string[] => [...new Set(verifyEvidence(dir, key === undefined ? {} : { trustedKey: key }).problems.map((p) => p.file))];

describe('writeEvidenceBundle', () => {
  it('writes the report as JSON, Markdown, HTML, PDF and JUnit, the journal, and a signed manifest of their SHA-256', () => {
    const manifest = JSON.parse(readFileSync(join(written.dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

    expect(readdirSync(written.dir).sort()).toEqual(['journal.jsonl', 'manifest.json', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.pdf']);
    expect(Object.keys(manifest.files as object).sort()).toEqual(['journal.jsonl', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.pdf']);
    expect(manifest).toMatchObject({ schema: 'lifeboat.dev/evidence-manifest/v1', runId: report.runId, planHash: report.plan.hash, journalHead: report.journal.at(-1)?.hash, keyFingerprint: expect.stringMatching(/^sha256:/) });
    expect(readFileSync(join(written.dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes journal.jsonl as the report\'s entries, one canonical JSON per line', () => {
    const lines = readFileSync(join(written.dir, 'journal.jsonl'), 'utf8').trimEnd().split('\n');

    expect(lines).toEqual(report.journal.map((e) => canonicalJson(e)));
  });

  it('signs with a key it generates in the state directory on first use, mode 0600', () => {
    const keyFile = join(root, 'state', 'evidence-signing-key.pem');

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(written.manifest.keyFingerprint).toBe(evidenceSigner(env).keyFingerprint);
  });

  it('signs with the key $LIFEBOAT_EVIDENCE_KEY_FILE names, and refuses one that is missing', async () => {
    const keyFile = join(root, 'ci-key.pem');
    const ci = Ed25519EvidenceSigner.fromConfig({ keyFile, create: true });

    const bundle = await writeEvidenceBundle(report, join(root, 'ci-bundle'), { env: { ...env, LIFEBOAT_EVIDENCE_KEY_FILE: keyFile }, pdf: false });

    expect(bundle.manifest.keyFingerprint).toBe(ci.keyFingerprint);
    await expect(writeEvidenceBundle(report, join(root, 'ci-bundle'), { env: { ...env, LIFEBOAT_EVIDENCE_KEY_FILE: join(root, 'nope.pem') }, pdf: false })).rejects.toThrow(InputError);
  });

  it('refuses a directory that holds other files', async () => {
    const dir = join(root, 'busy');
    cpSync(written.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');

    await expect(writeEvidenceBundle(report, dir, { env, pdf: false })).rejects.toThrow(ConflictError);
  });

  it('never writes a planted secret: not in any file\'s bytes, not in the PDF\'s text', () => {
    const text = pdfText(readFileSync(join(written.dir, 'report.pdf'))).normalize('NFKC').replace(/\s+/g, '');

    for (const name of readdirSync(written.dir)) {
      const bytes = readFileSync(join(written.dir, name));
      for (const secret of Object.values(PLANTED)) {
        for (const encoding of ['utf8', 'utf16le'] as const) expect(bytes.includes(Buffer.from(secret, encoding)), `${name} holds ${secret}`).toBe(false);
      }
    }
    expect(text).toContain('SUCCEEDEDFailoverdrillofplanshop');
    expect(text).toContain('Authorization:Bearer***');
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret.replace(/\s+/g, ''));
  });
});

describe('verifyEvidence', () => {
  it('accepts the bundle as written, by directory or by any file in it, and with its own key pinned', () => {
    expect(verifyEvidence(written.dir)).toMatchObject({ ok: true, problems: [], runId: report.runId, trusted: false });
    expect(verifyEvidence(join(written.dir, 'report.pdf')).ok).toBe(true);
    expect(verifyEvidence(written.dir, { trustedKey: trustedKey() })).toMatchObject({ ok: true, trusted: true });
  });

  it('fails naming journal.jsonl when one byte of the journal changes', () => {
    const dir = copy();
    flipByte(join(dir, 'journal.jsonl'));

    const sut = verifyEvidence(dir);

    expect(sut.ok).toBe(false);
    expect(sut.problems).toContainEqual({ file: 'journal.jsonl', reason: expect.stringContaining('changed after signing') });
  });

  it('fails naming report.html, and nothing else, when one byte of the HTML changes', () => {
    const dir = copy();
    flipByte(join(dir, 'report.html'));

    expect(problemFiles(dir)).toEqual(['report.html']);
  });

  it.each(['report.json', 'report.md', 'report.junit.xml', 'report.pdf', 'manifest.json', 'journal.jsonl'])('fails naming %s when one byte of it changes', (name) => {
    const dir = copy();
    flipByte(join(dir, name), 0.3);

    expect(problemFiles(dir)).toContain(name);
  });

  // One signature check per byte: seconds on a loaded 2-core machine, past vitest's 5s default.
  it('fails whichever single byte of manifest.json changes', () => {
    const text = readFileSync(join(written.dir, 'manifest.json'));
    const digests = new Map(readdirSync(written.dir).filter((n) => n !== 'manifest.json').map((n) => [n, createHash('sha256').update(readFileSync(join(written.dir, n))).digest('hex')]));
    const read = (name: string): string => readFileSync(join(written.dir, name), 'utf8');
    const deps = { verifier: Ed25519EvidenceVerifier.fromConfig(), hasher: NodeCryptoHasher.fromConfig() };
    const contents = { digests, journal: read('journal.jsonl'), report: read('report.json') };

    const passing = [...text.keys()].filter((i) => {
      const tampered = Buffer.from(text);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      return checkBundle({ ...contents, manifest: tampered.toString('utf8') }, deps).ok;
    });

    expect(checkBundle({ ...contents, manifest: text.toString('utf8') }, deps).ok).toBe(true);
    expect(passing).toEqual([]);
  }, 60_000);

  it('fails when the bundle was signed by another key than the trusted one', () => {
    const other = Ed25519EvidenceSigner.fromConfig({ keyFile: join(root, 'other-key.pem'), create: true });

    const sut = verifyEvidence(written.dir, { trustedKey: other.publicKey });

    expect(sut).toMatchObject({ ok: false, trusted: false });
    expect(sut.problems).toEqual([{ file: 'manifest.json', reason: `signed by key ${written.manifest.keyFingerprint}, not by the trusted key ${other.keyFingerprint}` }]);
  });

  it('detects a forged bundle re-signed with the forger\'s key only when the key is pinned', async () => {
    const forger = Ed25519EvidenceSigner.fromConfig({ keyFile: join(root, 'forger-key.pem'), create: true });
    const forged = await writeEvidenceBundle({ ...report, title: 'nothing to see' }, join(root, 'forged'), { signer: forger, pdf: false });

    expect(verifyEvidence(forged.dir).ok).toBe(true);
    expect(problemFiles(forged.dir, trustedKey())).toEqual(['manifest.json']);
  });

  it('fails naming a file added after signing, and a file removed', () => {
    const dir = copy();
    writeFileSync(join(dir, 'extra.txt'), 'added later');
    rmSync(join(dir, 'report.md'));

    expect(verifyEvidence(dir).problems).toEqual([
      { file: 'report.md', reason: 'listed in the manifest but missing' },
      { file: 'extra.txt', reason: 'not listed in the manifest (added after signing)' },
    ]);
  });

  it('fails when the manifest was edited after signing (a hash replaced)', () => {
    const dir = copy();
    const manifestFile = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    manifest.files['report.md'] = '0'.repeat(64);
    writeFileSync(manifestFile, JSON.stringify(manifest));

    expect(verifyEvidence(dir).problems).toContainEqual({ file: 'manifest.json', reason: 'the signature does not match the manifest (changed after signing)' });
  });

  it('says what is wrong when the path is no bundle', () => {
    const dir = mkdtempSync(join(root, 'empty-'));

    expect(verifyEvidence(dir).problems).toEqual([{ file: 'manifest.json', reason: 'missing: this is not an evidence bundle, or its manifest was removed' }]);
    expect(() => verifyEvidence(join(root, 'does-not-exist'))).toThrow(/no such file or directory/);
  });
});
