import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.js';

/** True when Schemathesis's `st` is on PATH (scripts/bootstrap.sh installs it from PyPI). */
function hasSchemathesis(): boolean {
  try {
    execFileSync('st', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('scripts/fuzz-api.sh', () => {
  it('fuzzes every operation of /openapi.json with Schemathesis: no 5xx (but the documented 501), declared statuses, content types and bodies', async () => {
    expect(hasSchemathesis(), 'schemathesis is not installed: pip install schemathesis (scripts/bootstrap.sh does)').toBe(true);

    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile('bash', [join(REPO_ROOT, 'scripts', 'fuzz-api.sh'), '--no-color'], { env: { ...process.env, FUZZ_MAX_EXAMPLES: '8' }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}\n${stderr}` });
      });
    });

    expect(result.out).toMatch(/Open API 3\.1\.0/);
    expect(result.out).toMatch(/\d+ generated, \d+ passed/);
    expect(result.out).not.toContain('the server logged errors');
    expect(result.code, result.out.slice(-3000)).toBe(0);
  }, 300_000);
});
