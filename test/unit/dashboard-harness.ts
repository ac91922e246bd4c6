import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { listen, type Listening } from '../../src/server/listen.js';
import { dashboardFiles } from '../../src/server/dashboard-files.js';
import type { ServerParts } from '../../src/wiring/server.js';
import { startTestServer, type TestServer } from './server-harness.js';

export const WEB_DIR = join(import.meta.dirname, '..', '..', 'web');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const IMG_DIR = join(import.meta.dirname, '..', '..', 'docs', 'img');
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface Dashboard {
  /** The API and the dashboard on one origin, as `lifeboat serve` serves them. */
  url: string;
  api: TestServer;
  browser: Browser;
  /** A fresh browser context (its own sessionStorage) signed in with the role's token. */
  signedIn(as: 'viewer' | 'operator' | 'approver' | 'admin'): Promise<Page>;
  close(): Promise<void>;
}

function newestMtime(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
  }));
}

/** Builds web/dist when it is missing or older than web/src (needs `npm ci` in web/ first). */
export function ensureDashboardBuilt(): void {
  const index = join(DIST_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(WEB_DIR, 'src')), statSync(join(WEB_DIR, 'index.html')).mtimeMs)) return;
  if (!existsSync(join(WEB_DIR, 'node_modules'))) throw new Error('web/node_modules is missing: run `npm ci` in web/ (scripts/bootstrap.sh does)');
  execFileSync('npm', ['run', 'build'], { cwd: WEB_DIR, stdio: 'pipe', timeout: 120_000 });
}

/**
 * The server of server-harness.ts (lifeboat serve's app with the example plans, a temp state dir, one
 * token per role, fakes only for clusters) behind a listener that also serves web/dist at `/` (the
 * same dashboardFiles the server is to mount), and Debian's Chromium driven by playwright-core.
 */
export async function startDashboard(o: { plans?: string; parts?: Partial<ServerParts> } = {}): Promise<Dashboard> {
  ensureDashboardBuilt();
  mkdirSync(IMG_DIR, { recursive: true });
  const api = await startTestServer({ ...(o.plans ? { plans: o.plans } : {}), ...(o.parts ? { parts: o.parts } : {}) });
  const files = dashboardFiles(DIST_DIR);
  const fetchApp = api.server.app.app.fetch;
  const http: Listening = await listen(async (req) => (await files(req)) ?? fetchApp(req), { host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS, timeout: 60_000 });
  const signedIn: Dashboard['signedIn'] = async (as) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${http.url}/`);
    await page.getByTestId('token').fill(api.tokens[as]);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('who').waitFor();
    return page;
  };
  return {
    url: http.url, api, browser, signedIn,
    close: async () => {
      await browser.close();
      await http.close();
      await api.close();
    },
  };
}

// The root tsconfig has no DOM library (the server code must not see browser globals), so code that
// runs in the page is passed to Chromium as text.

/** The value of an attribute on every element the locator matches, in document order. */
export async function attrsOf(locator: Locator, name: string): Promise<Array<string | null>> {
  return Promise.all((await locator.all()).map((l) => l.getAttribute(name)));
}

/** A computed CSS property of the first element the locator matches, e.g. `background-color`. */
export async function cssOf(locator: Locator, property: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function's text is what Playwright sends to the page
  const read = new Function('el', `return getComputedStyle(el).getPropertyValue(${JSON.stringify(property)});`) as (el: unknown) => string;
  return locator.first().evaluate(read);
}

/** Evaluates a JavaScript expression in the page. */
export async function inPage(page: Page, expression: string): Promise<unknown> {
  return page.evaluate(expression);
}
