import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMG_DIR, attrsOf, cssOf, inPage, startDashboard, type Dashboard } from './dashboard-harness.js';

const RANK: Record<string, number> = { breach: 0, warn: 1, unknown: 3, ok: 4 };

describe('dashboard: sign-in, fleet and plan pages in Chromium', () => {
  let sut: Dashboard;
  let planNames: string[];

  beforeAll(async () => {
    sut = await startDashboard();
    planNames = ((await sut.api.call('GET', '/v1/plans', { as: 'viewer' })).json.plans as Array<{ name: string }>).map((p) => p.name);
    for (const name of planNames) expect((await sut.api.call('GET', `/v1/plans/${name}/posture?refresh=true`, { as: 'operator' })).status).toBe(200);
  }, 120_000);
  afterAll(async () => { await sut?.close(); });

  it('signs a viewer in, learns the role without writing anything, and keeps the token only in the tab', async () => {
    const page = await sut.signedIn('viewer');

    await expect(page.getByTestId('who').getAttribute('data-role')).resolves.toBe('viewer');
    await page.reload();
    await page.getByTestId('who').waitFor();
    const stored = await inPage(page, '({ session: sessionStorage.getItem("lifeboat.token"), local: localStorage.length, cookies: document.cookie })');
    const otherTab = await (await sut.browser.newContext()).newPage();
    await otherTab.goto(`${sut.url}/`);

    expect(stored).toEqual({ session: sut.api.tokens.viewer, local: 0, cookies: '' });
    await expect(otherTab.getByTestId('token').isVisible()).resolves.toBe(true);
    const audit = await sut.api.call('GET', `/v1/audit/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`, { as: 'admin' });
    expect(JSON.stringify(audit.json ?? {})).not.toContain('api:viewer');
    await page.context().close();
    await otherTab.context().close();
  }, 60_000);

  it('refuses a wrong token in plain words and stays on the sign-in form', async () => {
    const page = await (await sut.browser.newContext()).newPage();
    await page.goto(`${sut.url}/`);

    await page.getByTestId('token').fill('lbt_not-a-real-token');
    await page.getByTestId('sign-in').click();

    await expect(page.getByRole('alert').textContent()).resolves.toContain('the bearer token is not valid');
    await expect(inPage(page, 'sessionStorage.getItem("lifeboat.token")')).resolves.toBeNull();
    await page.context().close();
  }, 60_000);

  it('shows the fleet worst first with a red BREACH, achieved RPO against the objective and drills', async () => {
    const page = await sut.signedIn('viewer');

    const rows = page.locator('[data-testid=fleet] tbody tr');
    await expect.poll(() => rows.count()).toBe(planNames.length);
    const statuses = (await attrsOf(rows, 'data-status')).map((s) => s ?? '');
    const first = rows.first();
    const badgeColour = await cssOf(first.locator('.badge'), 'background-color');
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-fleet.png'), fullPage: true });

    expect(statuses[0]).toBe('breach');
    expect(statuses.map((s) => RANK[s])).toEqual([...statuses.map((s) => RANK[s])].sort((a, b) => (a ?? 9) - (b ?? 9)));
    await expect(first.locator('.badge').textContent()).resolves.toBe('BREACH');
    expect(badgeColour).toBe('rgb(255, 77, 79)');
    const lab = page.locator('[data-testid=fleet] tr[data-plan=lab]');
    await expect(lab.textContent()).resolves.toContain('nothing restorable in production');
    await expect(lab.textContent()).resolves.toContain('objective 15m');
    await expect(lab.textContent()).resolves.toMatch(/never done, due now|overdue/);
    await expect(page.locator('abbr[data-term=RPO], abbr[data-term="achieved RPO"]').first().getAttribute('title')).resolves.toMatch(/data/);
    await page.context().close();
  }, 60_000);

  it('opens a plan: findings with severity and id, backup timeline, predicted RTO, actions disabled for a viewer', async () => {
    const api = (await sut.api.call('GET', '/v1/plans/lab', { as: 'viewer' })).json as { findings: Array<{ severity: string; id: string; message: string }> };
    const page = await sut.signedIn('viewer');

    await page.locator('[data-testid=fleet] tr[data-plan=lab] a.plan-link').click();
    await page.getByTestId('plan-page').waitFor();
    const findings = page.locator('[data-testid=findings] tbody tr');
    await expect.poll(() => findings.count()).toBe(api.findings.length);
    await page.locator('[data-testid=backup-timeline] g[data-row]').first().waitFor();
    const severities = await attrsOf(findings, 'data-severity');
    const ids = await attrsOf(findings, 'data-finding');
    const failover = page.getByTestId('start-failover');
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-plan.png'), fullPage: true });

    expect(severities).toEqual(api.findings.map((f) => f.severity));
    expect(ids).toEqual(api.findings.map((f) => f.id));
    await expect(page.locator('[data-testid=findings]').textContent()).resolves.toContain(api.findings[0]?.message);
    await expect(page.getByTestId('achieved-rpo').textContent()).resolves.toContain('nothing restorable');
    await expect(page.locator('[data-testid=backup-timeline] g[data-row=production]').getAttribute('data-fresh')).resolves.toBe('false');
    await expect(page.getByTestId('rto-panel').textContent()).resolves.toContain('15m');
    await expect(failover.isDisabled()).resolves.toBe(true);
    await expect(failover.getAttribute('title')).resolves.toBe('Needs the operator role; this token is viewer');
    await expect(page.getByTestId('recheck').isDisabled()).resolves.toBe(true);
    await page.context().close();
  }, 60_000);
});
