import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, SAMPLE_PLAN_YAML, sampleRun } from '../../../test/fixtures/evidence/sample-run.js';
import { runCli } from '../../../test/support/run-cli.js';
import { Ed25519EvidenceSigner } from '../../providers/evidence/ed25519-evidence-signer.js';
import { openJournal } from '../../wiring/journal.js';

let dir = '';
let env: Record<string, string> = {};
let runId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-evidence-'));
  env = { LIFEBOAT_STATE_DIR: join(dir, 'state'), PDNS_KEY: PLANTED.pdnsKey, KUBECONFIG: join(dir, 'no-kubeconfig') };
  writeFileSync(join(dir, 'plan.yaml'), SAMPLE_PLAN_YAML);
  ({ runId } = await sampleRun({ store: openJournal(env).store }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('lifeboat evidence', { timeout: 120_000 }, () => {
  it('renders a signed bundle for a journaled run, which verify then accepts (exit 0)', async () => {
    const render = await runCli(['evidence', 'render', '--run', runId, '--plan', join(dir, 'plan.yaml'), '--out', join(dir, 'bundle'), '--no-pdf'], { env });
    const verify = await runCli(['evidence', 'verify', join(dir, 'bundle')], { env });

    expect(render).toMatchObject({ code: 0, stderr: '' });
    expect(render.stdout).toContain(`failover-drill ${runId}: succeeded`);
    expect(render.stdout).toContain('wrote report.json, journal.jsonl, report.md, report.junit.xml, report.html, manifest.json');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('VALID: signature, file hashes and journal hash chain check out');
    expect(verify.stdout).toContain('not pinned: pass --key to prove who signed');
    expect(readFileSync(join(dir, 'bundle', 'journal.jsonl'), 'utf8')).not.toContain(PLANTED.pdnsKey);
  });

  it('exits 1 naming the file when one byte was changed, in JSON too', async () => {
    const file = join(dir, 'bundle', 'report.junit.xml');
    const original = readFileSync(file);
    const tampered = Buffer.from(original);
    tampered[100] = (tampered[100] ?? 0) ^ 0x01;
    writeFileSync(file, tampered);

    const sut = await runCli(['evidence', 'verify', join(dir, 'bundle'), '-o', 'json'], { env });

    writeFileSync(file, original);
    const verdict = JSON.parse(sut.stdout) as { ok: boolean; problems: Array<{ file: string; reason: string }> };
    expect(sut.code).toBe(1);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.map((p) => p.file)).toEqual(['report.junit.xml']);
  });

  it('pins the signer with --key: the machine\'s own key passes, another key fails naming the manifest', async () => {
    const key = await runCli(['evidence', 'key'], { env });
    writeFileSync(join(dir, 'own.pub'), key.stdout.split('\n').slice(1).join('\n'));
    writeFileSync(join(dir, 'other.pub'), Ed25519EvidenceSigner.fromConfig({ keyFile: join(dir, 'other.pem'), create: true }).publicKey);

    const own = await runCli(['evidence', 'verify', join(dir, 'bundle', 'report.md'), '--key', join(dir, 'own.pub')], { env });
    const other = await runCli(['evidence', 'verify', join(dir, 'bundle'), '--key', join(dir, 'other.pub')], { env });

    expect(key.stdout).toMatch(/^# sha256:[0-9a-f]{64} \(private key: .*evidence-signing-key\.pem\)\n-----BEGIN PUBLIC KEY-----/);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('(the trusted key)');
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/manifest\.json\s+signed by key sha256:\w+, not by the trusted key sha256:\w+/);
  });

  it('refuses a plan file the run did not start with (exit 2)', async () => {
    writeFileSync(join(dir, 'edited.yaml'), `${SAMPLE_PLAN_YAML}# edited\n`);

    const sut = await runCli(['evidence', 'render', '--run', runId, '--plan', join(dir, 'edited.yaml'), '--out', join(dir, 'nope'), '--no-pdf'], { env });

    expect(sut.code).toBe(2);
    expect(sut.stderr).toContain(`--plan: this plan file is not the one run ${runId} started with`);
  });
});
