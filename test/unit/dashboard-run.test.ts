import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { JournalWriter } from '../../src/core/runbook/journal-writer.js';
import { toRunbookJson } from '../../src/core/runbook/runbook-json.js';
import { rb } from '../../src/testing/runbook-builders.js';
import { IMG_DIR, attrsOf, cssOf, inPage, startDashboard, type Dashboard } from './dashboard-harness.js';

const step = (page: Page, id: string) => page.locator(`[data-testid=steps] tr[data-step="${id}"]`);
const fillOf = async (page: Page, id: string): Promise<number> => Number(await step(page, id).locator('.budget').getAttribute('data-fill'));

describe('dashboard: the live run page in Chromium', () => {
  let sut: Dashboard;

  beforeAll(async () => { sut = await startDashboard(); }, 120_000);
  afterAll(async () => { await sut?.close(); });

  it('follows a failover live: steps with budget bars filling, journal entries as they land, approval refused to a viewer', async () => {
    const runId = await sut.api.waitingRun('lab');
    sut.api.script.fence = [{ ok: 'fenced', takes: Duration.seconds(3) }];
    const detail = (await sut.api.call('GET', `/v1/runs/${runId}`, { as: 'viewer' })).json as { steps: Array<{ id: string }> };
    const page = await sut.signedIn('viewer');
    await page.goto(`${sut.url}/#/runs/${runId}`);
    await page.getByTestId('gate-waiting').waitFor();
    await inPage(page, 'window.sameDocument = true');

    const ids = await attrsOf(page.locator('[data-testid=steps] tr'), 'data-step');
    const approve = page.getByTestId('approve');
    await expect(approve.isDisabled()).resolves.toBe(true);
    await expect(approve.getAttribute('title')).resolves.toBe('Needs the approver role; this token is viewer');
    await expect(page.getByTestId('abort').isDisabled()).resolves.toBe(true);
    await expect(step(page, 'declare').getAttribute('data-running')).resolves.toBe('true');
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('live');
    const refused = await sut.api.call('POST', `/v1/runs/${runId}/approve`, { as: 'viewer', body: {} });

    const approved = await sut.api.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver', body: { comment: 'region-a is gone' } });
    await page.locator('[data-testid=journal] li[data-kind=gate-approved]').waitFor();
    await expect.poll(() => step(page, 'fence').getAttribute('data-running'), { timeout: 5000 }).toBe('true');
    const early = await fillOf(page, 'fence');
    await page.waitForTimeout(1200);
    const later = await fillOf(page, 'fence');
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-run.png'), fullPage: true });
    await page.locator('[data-testid=run-page][data-state=run-succeeded]').waitFor({ timeout: 20_000 });

    expect(ids).toEqual(detail.steps.map((s) => s.id));
    expect(refused.status).toBe(403);
    expect(approved.status).toBe(200);
    expect(later).toBeGreaterThan(early);
    await expect(page.locator('[data-testid=journal] li[data-kind=gate-approved]').textContent()).resolves.toContain('api:approver');
    await expect(page.locator('[data-testid=journal] li[data-kind=run-succeeded]').count()).resolves.toBe(1);
    await expect(step(page, 'fence').locator('.budget').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.getByTestId('outcome-rpo').textContent()).resolves.toMatch(/^\d+m/);
    await expect(page.getByTestId('connection').textContent()).resolves.toBe('run ended');
    await expect(inPage(page, 'window.sameDocument')).resolves.toBe(true);
    await page.context().close();
  }, 90_000);

  it('lets approvers approve from the page (two for payments), and never the operator who may start and abort', async () => {
    const runId = await sut.api.waitingRun('payments');
    const operator = await sut.signedIn('operator');
    await operator.goto(`${sut.url}/#/runs/${runId}`);
    await operator.getByTestId('gate-waiting').waitFor();
    const approver = await sut.signedIn('approver');
    await approver.goto(`${sut.url}/#/runs/${runId}`);

    await expect(operator.getByTestId('approve').getAttribute('title')).resolves.toBe('Needs the approver role; this token is operator');
    await expect(operator.getByTestId('abort').isEnabled()).resolves.toBe(true);
    await approver.getByTestId('approve').click();
    await approver.getByTestId('approve-text').fill('IC on the bridge');
    await approver.getByTestId('approve-confirm').click();

    await operator.locator('[data-testid=journal] li[data-kind=gate-approved]').waitFor();
    await expect.poll(() => approver.getByTestId('gate-waiting').textContent()).toContain('1 more approver(s) needed');
    await expect.poll(() => approver.getByTestId('approve').isDisabled()).toBe(false);
    expect((await sut.api.call('POST', `/v1/runs/${runId}/approve`, { as: 'approver2', body: {} })).status).toBe(200);
    await approver.locator('[data-testid=run-page][data-state=run-succeeded]').waitFor({ timeout: 20_000 });
    const entries = (await sut.api.call('GET', `/v1/runs/${runId}`, { as: 'viewer' })).json.entries as Array<Record<string, unknown>>;
    expect(entries.find((e) => e.kind === 'gate-approved')).toMatchObject({ approver: 'api:approver', reason: 'IC on the bridge' });
    await operator.context().close();
    await approver.context().close();
  }, 90_000);

  it('starts a failover from the plan page as an operator and aborts it from the run page', async () => {
    await sut.api.settle('platform');
    const page = await sut.signedIn('operator');
    await page.goto(`${sut.url}/#/plans/platform`);

    await page.getByTestId('start-failover').click();
    await page.getByTestId('start-failover-text').fill('drill of the dashboard');
    await page.getByTestId('start-failover-confirm').click();
    await page.getByTestId('gate-waiting').waitFor({ timeout: 15_000 });
    const runId = await page.getByTestId('run-page').getAttribute('data-run');
    await page.getByTestId('abort').click();
    await page.getByTestId('abort-text').fill('only a test');
    await page.getByTestId('abort-confirm').click();

    await page.locator('[data-testid=run-page][data-state=run-aborted]').waitFor({ timeout: 20_000 });
    const entries = (await sut.api.call('GET', `/v1/runs/${runId}`, { as: 'viewer' })).json.entries as Array<Record<string, unknown>>;
    expect(entries[0]).toMatchObject({ kind: 'run-started', plan: 'platform', actor: 'api:operator' });
    expect(entries.find((e) => e.kind === 'abort-requested')).toMatchObject({ actor: 'api:operator', reason: 'only a test' });
    await page.context().close();
  }, 90_000);

  it('turns a bar red once its step runs past its budget, from a journal written straight to the store', async () => {
    const { store, hasher, clock } = sut.api.server.journal;
    const runId = `seeded-${Date.now().toString(36)}`;
    const runbook = rb.seq('component', rb.step('restore', { budget: Duration.seconds(1), phase: 'restore' }), rb.step('smoke-checks', { budget: Duration.seconds(30), phase: 'verify' }));
    const writer = new JournalWriter({ store, runId, hasher, clock });
    await writer.append([{ kind: 'run-started', runId, plan: 'platform.drill', planHash: 'seeded', runbook: toRunbookJson(runbook), actor: 'test' }, { kind: 'step-started', step: 'restore', attempt: 1 }]);
    const page = await sut.signedIn('viewer');
    await page.goto(`${sut.url}/#/runs/${runId}`);

    await expect.poll(() => step(page, 'restore').getAttribute('data-over'), { timeout: 5000 }).toBe('true');
    const colour = await cssOf(step(page, 'restore').locator('.budget-fill'), 'background-color');
    await writer.append([{ kind: 'step-succeeded', step: 'restore', attempt: 1, output: 'restored' }, { kind: 'step-started', step: 'smoke-checks', attempt: 1 }]);
    await expect.poll(() => step(page, 'smoke-checks').getAttribute('data-running'), { timeout: 5000 }).toBe('true');
    await writer.append([{ kind: 'step-succeeded', step: 'smoke-checks', attempt: 1, output: 'ok' }, { kind: 'run-succeeded' }]);

    await page.locator('[data-testid=run-page][data-state=run-succeeded]').waitFor({ timeout: 10_000 });
    expect(colour).toBe('rgb(255, 77, 79)');
    await expect(step(page, 'restore').textContent()).resolves.toContain('OVER BUDGET');
    await expect(step(page, 'smoke-checks').locator('.budget').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.locator('[data-testid=journal] li').count()).resolves.toBe(6);
    await page.context().close();
  }, 90_000);
});
