import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const newDir = (): string => mkdtempSync(join(tmpdir(), 'lifeboat-init-'));

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('lifeboat plan init', { timeout: 60_000 }, () => {
  it.each(['active-passive', 'active-active', 'pilot-light'])('writes a commented %s plan that passes plan validate', async (pattern) => {
    const file = join(newDir(), 'plan.yaml');

    const init = await runCli(['plan', 'init', '--pattern', pattern, '--name', 'shop', '--primary-context', 'prod', '--standby-context', 'dr', '--namespaces', 'shop,payments', '--out', file]);
    const validate = await runCli(['plan', 'validate', file]);

    expect(init.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^ *# Recovery point objective: /m);
    expect(validate.code).toBe(0);
  });

  it('uses the flags it is given', async () => {
    const result = await runCli(['plan', 'init', '--name', 'shop', '--rto', '45m', '--rpo', '2h', '--dns-provider', 'route53', '--zone', 'shop.example', '--record', 'www.shop.example']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rto: 45m');
    expect(result.stdout).toContain('rpo: 2h');
    expect(result.stdout).toContain('provider: route53');
    expect(result.stdout).toContain('record: www.shop.example.');
  });

  it('refuses to overwrite a file without --force, and overwrites with it', async () => {
    const file = join(newDir(), 'plan.yaml');
    await runCli(['plan', 'init', '--out', file]);

    const refused = await runCli(['plan', 'init', '--name', 'other', '--out', file]);
    const forced = await runCli(['plan', 'init', '--name', 'other', '--out', file, '--force']);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; pass --force to overwrite it');
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('name: other');
  });

  it('exits 2 on a flag that is not a duration', async () => {
    const result = await runCli(['plan', 'init', '--rto', 'quickly']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rto: expected a duration like "15m" or "1h", got "quickly"');
  });
});
