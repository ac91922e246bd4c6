import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverRegions } from '../../src/core/runbook/failover/failover-runbook.js';
import { freshBackup, labPlanContext, restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { Lab } from '../../src/lab/lab.js';
import { KubernetesClusterOperator } from '../../src/providers/kubernetes/kubernetes-cluster-operator.js';
import { newToken } from '../../src/server/auth/token-registry.js';
import { parseServerConfig } from '../../src/server/config/server-config.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { silentLogger } from '../../src/server/logger.js';
import { kubeConfigForRegion } from '../../src/wiring/failover-ports.js';
import { buildServer, type LifeboatServer } from '../../src/wiring/server.js';
import { dashboardFiles } from '../../src/server/dashboard-files.js';
import { DIST_DIR, IMG_DIR, attrsOf, ensureDashboardBuilt } from '../unit/dashboard-harness.js';

const PLAN = 'examples/lab.yaml';
/** A copy of the lab plan whose RPO objective (1m) the paused schedules cannot hold: a planted breach. */
const TIGHT = 'lab-rpo-1m';
const ROLES = ['viewer', 'operator', 'approver'] as const;
type Role = (typeof ROLES)[number];
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The lab's primary, to pause its backup schedules (restoreLabBaseline resumes them). */
function primaryOperator(): { operator: KubernetesClusterOperator; veleroNamespace: string } {
  const { plan, connect } = labPlanContext(PLAN);
  const { from } = failoverRegions(plan);
  return { operator: KubernetesClusterOperator.fromConfig({ kubeConfig: kubeConfigForRegion(from, connect), region: from.name }), veleroNamespace: from.veleroNamespace };
}

describe('the dashboard against the two-region lab: breached RPO, a failover started, refused and approved in the browser', () => {
  let server: LifeboatServer;
  let http: Listening;
  let browser: Browser;
  let tokens: Record<Role, string>;
  let runId: string;
  const pages: Page[] = [];

  const signedIn = async (as: Role): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${http.url}/`);
    await page.getByTestId('token').fill(tokens[as]);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('who').waitFor();
    pages.push(page);
    return page;
  };
  const api = async (method: string, path: string, as: Role, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${http.url}${path}`, { method, headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    ensureDashboardBuilt();
    await restoreLabBaseline(PLAN);
    const backups = await freshBackup(PLAN);
    const backupAt = Date.now();
    const primary = primaryOperator();
    await primary.operator.pauseSchedules(primary.veleroNamespace, true);

    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-lab-dashboard-'));
    const tight = readFileSync(PLAN, 'utf8').replace(/^ {2}name: lab$/m, `  name: ${TIGHT}`).replace(/^ {4}rpo: 15m$/m, '    rpo: 1m');
    writeFileSync(join(dir, `${TIGHT}.yaml`), tight);
    const issued = ROLES.map((role) => ({ role, ...newToken(role, role) }));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ tokens: issued.map((t) => t.stored) }));
    const { connect } = labPlanContext(PLAN);
    const configFile = join(dir, 'serve.yaml');
    writeFileSync(configFile, ['apiVersion: lifeboat.dev/v1alpha1', 'kind: ServerConfig', 'spec:', '  listen: 127.0.0.1:0',
      `  plans: [${resolve(PLAN)}, ${join(dir, `${TIGHT}.yaml`)}]`, '  tokensFile: tokens.json', '  stateDir: state', `  kubeconfig: ${connect.kubeconfig}`,
      '  scheduler: { enabled: false }', ''].join('\n'));
    server = buildServer(parseServerConfig(readFileSync(configFile, 'utf8'), configFile), { configFile, env: connect.env, parts: { logger: silentLogger } });
    const files = dashboardFiles(DIST_DIR);
    http = await listen(async (req) => (await files(req)) ?? server.app.app.fetch(req), { host: '127.0.0.1', port: 0 });
    tokens = Object.fromEntries(issued.map((t) => [t.role, t.token])) as Record<Role, string>;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });

    // The newest backup must be older than the tight plan's 1m objective, and nothing newer may come.
    expect(backups.length).toBeGreaterThan(0);
    await sleep(Math.max(0, backupAt + 75_000 - Date.now()));
    for (const name of ['lab', TIGHT]) expect((await api('GET', `/v1/plans/${name}/posture?refresh=true`, 'operator')).status).toBe(200);
  }, 1_800_000);

  afterAll(async () => {
    for (const page of pages) await page.context().close().catch(() => undefined);
    await browser?.close();
    await http?.close();
    await server?.close({ abortRuns: true });
    await restoreLabBaseline(PLAN);
  }, 1_800_000);

  it('shows the planted RPO breach in red on the fleet and the plan page', async () => {
    const page = await signedIn('viewer');

    const row = page.locator(`[data-testid=fleet] tr[data-plan="${TIGHT}"]`);
    await row.waitFor();
    const statuses = (await attrsOf(page.locator('[data-testid=fleet] tbody tr'), 'data-status')).map((s) => s ?? '');
    const rowStatus = await row.getAttribute('data-status');
    const rpoText = await row.locator('.text-breach').first().textContent();
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-lab-fleet.png'), fullPage: true });
    await row.locator('a.plan-link').click();
    await page.getByTestId('plan-page').waitFor();
    const findings = await attrsOf(page.locator('[data-testid=findings] tbody tr'), 'data-finding');

    expect(statuses[0]).toBe('breach');
    expect(rowStatus).toBe('breach');
    expect(rpoText).toMatch(/newest backup \S+ old/);
    expect(findings).toContain('rpo.breached');
    await expect(page.getByTestId('achieved-rpo').getAttribute('class')).resolves.toContain('text-breach');
  }, 120_000);

  it('lets an operator start a failover from the plan page once region-a is down; it waits at the declare gate', async () => {
    await new Lab().fail('region-a');
    const page = await signedIn('operator');
    await page.goto(`${http.url}/#/plans/lab`);

    await page.getByTestId('start-failover').click();
    await page.getByTestId('start-failover-text').fill('region-a is down (lab dashboard test)');
    await page.getByTestId('start-failover-confirm').click();
    await page.getByTestId('gate-waiting').waitFor({ timeout: 300_000 });
    runId = (await page.getByTestId('run-page').getAttribute('data-run')) ?? '';

    expect(runId).toMatch(/^failover-lab/);
    await expect(page.getByTestId('approve').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid=steps] tr[data-step=confirm-outage] .budget').getAttribute('data-state')).resolves.toBe('done');
  }, 600_000);

  it('refuses the approval to a viewer: the button is disabled and the API answers 403', async () => {
    const page = await signedIn('viewer');
    await page.goto(`${http.url}/#/runs/${runId}`);
    await page.getByTestId('gate-waiting').waitFor();

    const direct = await api('POST', `/v1/runs/${runId}/approve`, 'viewer', {});

    await expect(page.getByTestId('approve').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('approve').getAttribute('title')).resolves.toBe('Needs the approver role; this token is viewer');
    expect(direct.status).toBe(403);
    expect(direct.json).toMatchObject({ error: { code: 'forbidden', details: { needed: 'approver', held: 'viewer' } } });
  }, 120_000);

  it('lets an approver approve in the browser and shows the run complete with its RTO and RPO', async () => {
    const page = await signedIn('approver');
    await page.goto(`${http.url}/#/runs/${runId}`);

    await page.getByTestId('approve').click();
    await page.getByTestId('approve-text').fill('incident commander: go');
    await page.getByTestId('approve-confirm').click();
    // The lab's steps take milliseconds to seconds: catch the run page as soon as the approval lands.
    await page.locator('[data-testid=journal] li[data-kind=gate-approved]').waitFor({ timeout: 120_000 });
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-lab-run.png'), fullPage: true });
    await page.locator('[data-testid=run-page][data-state=run-succeeded]').waitFor({ timeout: 900_000 });
    await page.getByTestId('outcome-rto').waitFor();
    await page.screenshot({ path: join(IMG_DIR, 'dashboard-lab-run-done.png'), fullPage: true });

    const states = await attrsOf(page.locator('[data-testid=steps] .budget'), 'data-state');
    expect(states.every((s) => s === 'done' || s === 'over')).toBe(true);
    await expect(page.locator('[data-testid=journal] li[data-kind=gate-approved]').textContent()).resolves.toContain('api:approver');
    await expect(page.getByTestId('outcome-rto').textContent()).resolves.toMatch(/^\d+(m|s)/);
    const detail = await api('GET', `/v1/runs/${runId}`, 'viewer');
    expect(detail.json).toMatchObject({ state: 'run-succeeded', chain: { ok: true } });
  }, 1_200_000);
});
