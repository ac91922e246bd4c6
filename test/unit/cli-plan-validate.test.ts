import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../support/example-plans.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const lab = (): string => readFileSync(join(EXAMPLES_DIR, 'lab.yaml'), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifeboat-cli-'));
});

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('lifeboat plan validate', { timeout: 60_000 }, () => {
  it('exits 2 on YAML that does not parse, naming file:line:col, without a stack trace', async () => {
    const file = write('broken.yaml', 'apiVersion: lifeboat.dev/v1alpha1\nkind: DRPlan\nspec:\n  pattern: [active-passive\n');

    const result = await runCli(['plan', 'validate', file]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+`));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 2 on a schema error, printing path: message (file:line:col) at the offending line', async () => {
    const text = lab().replace('rpo: 15m', 'rpo: soon');
    const line = text.split('\n').findIndex((l) => l.includes('rpo: soon')) + 1;
    const file = write('bad-rpo.yaml', text);

    const result = await runCli(['plan', 'validate', file]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('spec.objectives.rpo: ');
    expect(result.stderr).toMatch(new RegExp(`\\(${file.replace(/[.]/g, '\\.')}:${line}:\\d+\\)`));
  });

  it('prints the stack trace only with --debug', async () => {
    const file = write('bad-kind.yaml', lab().replace('kind: DRPlan', 'kind: Plan'));

    const quiet = await runCli(['plan', 'validate', file]);
    const debug = await runCli(['--debug', 'plan', 'validate', file]);

    expect([quiet.code, debug.code]).toEqual([2, 2]);
    expect(quiet.stderr).not.toMatch(/^\s+at /m);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  it('exits 1 when a plan has an error-level finding, and names it', async () => {
    const file = write('hourly.yaml', lab().replace('cron: "*/5 * * * *"', 'cron: "0 * * * *"'));

    const result = await runCli(['plan', 'validate', file]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/lab\s+error\s+schedule\.rpo-exceeded\s+spec\.backup\.schedules\[0\]\.cron/);
  });

  it('checks every file: a bad one makes it exit 2 but the good ones are still reported', async () => {
    const bad = write('bad-rto.yaml', lab().replace('rto: 15m', 'rto: fast'));

    const result = await runCli(['plan', 'validate', '-o', 'json', 'examples/lab.yaml', bad]);

    expect(result.code).toBe(2);
    expect((JSON.parse(result.stdout) as Array<{ plan: string }>).map((r) => r.plan)).toEqual(['lab']);
    expect(result.stderr).toContain('spec.objectives.rto: ');
  });

  it('exits 2 when a file does not exist', async () => {
    const result = await runCli(['plan', 'validate', 'examples/no-such-plan.yaml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('examples/no-such-plan.yaml: cannot read the file: no such file');
  });

  it('exits 2 on an unknown flag', async () => {
    const result = await runCli(['plan', 'validate', '--frobnicate', 'examples/lab.yaml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });

  it('prints findings as JSON with -o json, one report per plan', async () => {
    const result = await runCli(['plan', 'validate', '-o', 'json', 'examples/lab.yaml', 'examples/pilot-light.yaml']);

    const reports = JSON.parse(result.stdout) as Array<{ file: string; plan: string; valid: boolean; findings: unknown[] }>;
    expect(result.code).toBe(0);
    expect(reports.map((r) => [r.file, r.plan, r.valid])).toEqual([['examples/lab.yaml', 'lab', true], ['examples/pilot-light.yaml', 'payments', true]]);
  });

  it('writes no colour codes when stdout is not a terminal', async () => {
    const result = await runCli(['plan', 'validate', 'examples/active-passive.yaml']);

    expect(result.stdout).not.toContain('\u001b[');
  });
});
