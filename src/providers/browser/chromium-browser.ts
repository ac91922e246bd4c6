import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ProviderError } from '../../core/errors.js';

/** Debian's Chromium: never a downloaded browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface ScreenshotOptions {
  width: number;
  height: number;
  /** Capture the whole page, not only the first `height` pixels (default false). */
  fullPage?: boolean;
}

/**
 * Prints HTML to PDF and takes screenshots with the system Chromium through playwright-core. Pages
 * are offline: every request leaving the page is aborted, so a report renders only what it embeds.
 * Each call starts and closes its own browser (a second or so); nothing lingers.
 *
 * @example const pdf = await ChromiumBrowser.fromConfig().htmlToPdf(html)
 */
export class ChromiumBrowser {
  constructor(private readonly config: { executablePath: string; timeoutMs: number }) {}

  static fromConfig(config: { executablePath?: string; timeoutMs?: number } = {}): ChromiumBrowser {
    return new ChromiumBrowser({ executablePath: config.executablePath ?? DEFAULT_CHROMIUM, timeoutMs: config.timeoutMs ?? 60_000 });
  }

  /** The page as an A4 PDF, backgrounds printed (the outcome banner keeps its colour). */
  htmlToPdf(html: string): Promise<Buffer> {
    return this.withPage(html, { width: 1200, height: 900 }, (page) => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  }

  /** A PNG of the page at the given viewport. */
  screenshot(html: string, options: ScreenshotOptions): Promise<Buffer> {
    return this.withPage(html, options, (page) => page.screenshot({ type: 'png', fullPage: options.fullPage ?? false }));
  }

  private async withPage<T>(html: string, viewport: { width: number; height: number }, act: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.launch();
    try {
      const context = await browser.newContext({ viewport, javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      page.setDefaultTimeout(this.config.timeoutMs);
      await page.setContent(html, { waitUntil: 'load' });
      return await act(page);
    } finally {
      await browser.close();
    }
  }

  private async launch(): Promise<Browser> {
    const path = this.config.executablePath;
    const fail = (why: string, cause?: unknown): ProviderError =>
      new ProviderError(`cannot start Chromium at ${path}: ${why} (install it with \`apt-get install -y chromium\`)`, { provider: 'chromium', operation: 'launch', retryable: false, cause });
    if (!existsSync(path)) throw fail('no such file');
    try {
      return await chromium.launch({ executablePath: path, args: LAUNCH_ARGS, timeout: this.config.timeoutMs });
    } catch (error) {
      throw fail((error as Error).message.split('\n')[0] ?? 'launch failed', error);
    }
  }
}

/** `htmlToPdf` with the system Chromium. */
export function htmlToPdf(html: string): Promise<Buffer> {
  return ChromiumBrowser.fromConfig().htmlToPdf(html);
}

/** `screenshot` with the system Chromium. */
export function screenshot(html: string, options: ScreenshotOptions): Promise<Buffer> {
  return ChromiumBrowser.fromConfig().screenshot(html, options);
}
