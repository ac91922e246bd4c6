import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictObjectives } from '../../src/core/objectives/predict.js';
import { renderRunbookMarkdown } from '../../src/core/report/render-runbook.js';
import { EXAMPLES_DIR, loadExample } from '../support/example-plans.js';
import { runCli } from '../support/run-cli.js';

// Each test starts the real CLI as a process: seconds each on a busy machine.
describe('reports of examples/active-passive.yaml against saved snapshots', { timeout: 60_000 }, () => {
  it('`plan explain -o json` matches its snapshot', async () => {
    const result = await runCli(['plan', 'explain', '-o', 'json', 'examples/active-passive.yaml']);

    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot('../fixtures/snapshots/plan-explain-active-passive.json');
  });

  it('the rendered runbook matches its snapshot', async () => {
    const plan = loadExample('active-passive.yaml');

    const markdown = renderRunbookMarkdown(plan, predictObjectives(plan));

    await expect(markdown).toMatchFileSnapshot('../fixtures/snapshots/runbook-active-passive.md');
  });
});

describe('lifeboat plan explain', { timeout: 60_000 }, () => {
  it('shows phases, schedules, gaps and findings, and exits 1 when the schedule cannot meet the RPO', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lifeboat-explain-')), 'hourly.yaml');
    writeFileSync(file, readFileSync(join(EXAMPLES_DIR, 'lab.yaml'), 'utf8').replace('cron: "*/5 * * * *"', 'cron: "0 * * * *"'));

    const result = await runCli(['plan', 'explain', file]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Predicted worst-case RPO: 1h1m (objective 15m)');
    expect(result.stdout).toMatch(/RPO\s+15m\s+1h1m\s+missed/);
    expect(result.stdout).toMatch(/error\s+schedule\.rpo-exceeded/);
  });
});
