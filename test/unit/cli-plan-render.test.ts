import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../support/run-cli.js';

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('lifeboat plan render', { timeout: 60_000 }, () => {
  it('prints only the Schedules with --only schedules, as multi-document YAML', async () => {
    const result = await runCli(['plan', 'render', 'examples/active-passive.yaml', '--only', 'schedules']);

    const docs = parseAllDocuments(result.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace: string } });
    expect(result.code).toBe(0);
    expect(docs.map((d) => [d.kind, d.metadata.name, d.metadata.namespace])).toEqual([['Schedule', 'production-hourly', 'velero']]);
  });

  it('writes velero-schedules.yaml and runbook.md to --out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lifeboat-render-'));

    const result = await runCli(['plan', 'render', 'examples/lab.yaml', '--out', out]);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(out, 'velero-schedules.yaml'), 'utf8')).toContain('schedule: "*/5 * * * *"');
    expect(readFileSync(join(out, 'runbook.md'), 'utf8')).toContain('# Disaster Recovery Runbook: region-a Failure');
  });

  it('rejects an unknown artifact with exit 2', async () => {
    const result = await runCli(['plan', 'render', 'examples/lab.yaml', '--only', 'dashboards']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices are schedules, runbook');
  });
});
