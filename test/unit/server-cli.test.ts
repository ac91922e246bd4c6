import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../support/example-plans.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';

const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function config(dir: string, extra = ''): string {
  const file = join(dir, 'serve.yaml');
  writeFileSync(file, `apiVersion: lifeboat.dev/v1alpha1\nkind: ServerConfig\nspec:\n  listen: 127.0.0.1:0\n  plans: plans\n  tokensFile: tokens.json\n  stateDir: state\n  scheduler: { enabled: false }\n${extra}`);
  return file;
}

/** Starts `lifeboat serve` as its own process; resolves with its URL once it says it listens. */
async function serve(file: string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'lifeboat.js'), 'serve', '--config', file], { env: { ...process.env, LIFEBOAT_FROM_SOURCE: '1', KUBECONFIG: '/nonexistent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 30_000);
    child.stderr?.on('data', () => {
      const m = /lifeboat serve: (http:\/\/\S+)/.exec(err);
      if (m?.[1]) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${err}`)); });
  });
  return { child, url, stderr: () => err };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('lifeboat serve', () => {
  it('creates a token, serves the plans with it, reloads plans when a file appears and tokens on SIGHUP, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-serve-cli-'));
    mkdirSync(join(dir, 'plans'));
    copyFileSync(join(EXAMPLES_DIR, 'lab.yaml'), join(dir, 'plans', 'lab.yaml'));
    const added = await runCli(['serve', 'token', 'add', '--name', 'ops', '--role', 'viewer', '--tokens', join(dir, 'tokens.json')]);
    const token = added.stdout.trim();
    const { child, url } = await serve(config(dir));
    const plans = async (): Promise<string[]> => ((await (await fetch(`${url}/v1/plans`, { headers: { authorization: `Bearer ${token}` } })).json()) as { plans: Array<{ name: string }> }).plans.map((p) => p.name).sort();

    const health = await fetch(`${url}/healthz`);
    const before = await plans();
    copyFileSync(join(EXAMPLES_DIR, 'pilot-light.yaml'), join(dir, 'plans', 'pilot-light.yaml'));
    await until(async () => (await plans()).length === 2);
    const second = (await runCli(['serve', 'token', 'add', '--name', 'ops2', '--role', 'viewer', '--tokens', join(dir, 'tokens.json')])).stdout.trim();
    const asSecond = async (): Promise<number> => (await fetch(`${url}/v1/runs`, { headers: { authorization: `Bearer ${second}` } })).status;
    const beforeHup = await asSecond();
    child.kill('SIGHUP');
    await until(async () => (await asSecond()) === 200);
    const afterHup = await plans();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));

    expect(added.code).toBe(0);
    expect(token).toMatch(/^lbt_/);
    expect(added.stderr).toContain('shown only now');
    expect(health.status).toBe(200);
    expect(before).toEqual(['lab']);
    expect(beforeHup).toBe(401);
    expect(afterHup).toEqual(['lab', 'payments']);
    expect(code).toBe(0);
  }, 60_000);

  it('keeps the loaded plans when a reload finds a broken file, and says why in its log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-serve-cli-'));
    mkdirSync(join(dir, 'plans'));
    copyFileSync(join(EXAMPLES_DIR, 'lab.yaml'), join(dir, 'plans', 'lab.yaml'));
    const token = (await runCli(['serve', 'token', 'add', '--name', 'ops', '--role', 'viewer', '--tokens', join(dir, 'tokens.json')])).stdout.trim();
    const { child, url, stderr } = await serve(config(dir));

    writeFileSync(join(dir, 'plans', 'broken.yaml'), 'apiVersion: lifeboat.dev/v1alpha1\nkind: DRPlan\nmetadata: { name: broken }\nspec: { pattern: sideways }\n');
    await until(() => Promise.resolve(stderr().includes('reload failed')));
    const res = await fetch(`${url}/v1/plans`, { headers: { authorization: `Bearer ${token}` } });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    expect(((await res.json()) as { plans: unknown[] }).plans).toHaveLength(1);
    expect(stderr()).toMatch(/broken\.yaml:4:/);
  }, 60_000);

  it('refuses a config with a bad field (exit 2, file:line:column) and one without tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-serve-cli-'));
    mkdirSync(join(dir, 'plans'));
    copyFileSync(join(EXAMPLES_DIR, 'lab.yaml'), join(dir, 'plans', 'lab.yaml'));
    writeFileSync(join(dir, 'tokens.json'), '{"tokens": []}');

    const bad = await runCli(['serve', '--config', config(dir, '  authFailuresPerMinute: lots\n')]);
    const noTokens = await runCli(['serve', '--config', config(dir)]);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/spec\.authFailuresPerMinute: .*serve\.yaml:9:26/);
    expect(noTokens.code).toBe(2);
    expect(noTokens.stderr).toContain('lifeboat serve token add');
  }, 60_000);
});
