import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvidenceBundle } from '../../src/wiring/evidence.js';
import { runEvidence } from '../../src/wiring/run-evidence.js';
import { IMG_DIR, attrsOf, startDashboard, type Dashboard } from './dashboard-harness.js';

describe('dashboard: the evidence page in Chromium', () => {
  let sut: Dashboard;
  let runId: string;
  let bundleDir: string;

  beforeAll(async () => {
    sut = await startDashboard();
    runId = await sut.api.waitingRun('lab');
    await sut.api.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: {} });
    await sut.api.waitFor(runId, 'run-succeeded', 20_000);
    const { journal } = sut.api.server;
    const env = { ...process.env, LIFEBOAT_STATE_DIR: journal.stateDir };
    const loaded = sut.api.server.deps.plans.get('lab');
    const report = await runEvidence({ runId, plan: loaded.plan, planText: loaded.text, env, journal });
    bundleDir = join(journal.stateDir, 'evidence', runId);
    await writeEvidenceBundle(report, bundleDir, { pdf: false, env });
  }, 120_000);
  afterAll(async () => { await sut?.close(); });

  it('lists the bundle with its files, downloads one with the token, and verifies it', async () => {
    const page = await sut.signedIn('viewer');
    await page.goto(`${sut.url}/#/evidence`);
    const card = page.locator(`[data-bundle="${runId}"]`);
    await card.waitFor();

    const files = await attrsOf(card.locator('button[data-file]'), 'data-file');
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button[data-file="report.md"]').click()]);
    const saved = readFileSync(await download.path(), 'utf8');
    await card.getByTestId('verify').click();
    const verdict = card.getByTestId('verdict');
    await verdict.waitFor();
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-evidence.png') });

    expect(files[0]).toBe('report.html');
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'manifest.json']));
    expect(download.suggestedFilename()).toBe('report.md');
    expect(saved).toBe(readFileSync(join(bundleDir, 'report.md'), 'utf8'));
    await expect(verdict.getAttribute('data-ok')).resolves.toBe('true');
    await expect(verdict.textContent()).resolves.toContain('VERIFIED');
    await page.context().close();
  }, 60_000);

  it('says VERIFICATION FAILED and names the file once a byte of the bundle changes', async () => {
    appendFileSync(join(bundleDir, 'report.md'), '\nedited after signing\n');
    const page = await sut.signedIn('viewer');
    await page.goto(`${sut.url}/#/evidence`);
    const card = page.locator(`[data-bundle="${runId}"]`);

    await card.getByTestId('verify').click();
    const verdict = card.getByTestId('verdict');
    await verdict.waitFor();

    await expect(verdict.getAttribute('data-ok')).resolves.toBe('false');
    await expect(verdict.textContent()).resolves.toMatch(/VERIFICATION FAILED.*report\.md/);
    await page.context().close();
  }, 60_000);
});
