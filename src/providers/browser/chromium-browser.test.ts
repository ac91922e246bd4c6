import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { pdfText } from '../../../test/fixtures/evidence/pdf-text.js';
import { renderHtml } from '../../core/evidence/render-html.js';
import { renderJunit } from '../../core/evidence/render-junit.js';
import { timelineOf } from '../../core/evidence/timeline.js';
import { ProviderError } from '../../core/errors.js';
import { EchartsTimelineChart } from '../evidence/echarts-timeline-chart.js';
import { ChromiumBrowser, DEFAULT_CHROMIUM } from './chromium-browser.js';

const DOC_IMAGE = join(import.meta.dirname, '..', '..', '..', 'docs', 'img', 'evidence-report.png');

async function sampleHtml(fail = false): Promise<string> {
  const { report } = await sampleReport({ fail });
  return renderHtml(report, { timelineSvg: EchartsTimelineChart.fromConfig().render(timelineOf(report)) });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('ChromiumBrowser (Debian\'s /usr/bin/chromium)', { timeout: 120_000 }, () => {
  const sut = ChromiumBrowser.fromConfig();

  it('screenshots a sample report for the docs: a PNG of the requested size with real content', async () => {
    const png = await sut.screenshot(await sampleHtml(), { width: 1200, height: 1500 });
    writeFileSync(DOC_IMAGE, png);

    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1200, height: 1500 });
    expect(png.length).toBeGreaterThan(40_000);
    expect(new Set(png.subarray(100)).size).toBeGreaterThan(200);
  });

  it('prints a report to PDF whose text carries the outcome and the failure', async () => {
    const pdf = await sut.htmlToPdf(await sampleHtml(true));

    const text = pdfText(pdf).normalize('NFKC').replace(/\s+/g, '');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain('FAILEDFailoverdrillofplanshop');
    expect(text).toContain('Whatfailed');
    expect(text).toContain('RTOobjective15m');
  });

  it('loads nothing from outside the page', async () => {
    let requests = 0;
    const server = createServer((_req, res) => { requests++; res.end(); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    try {
      await sut.screenshot(`<html><body><img src="http://127.0.0.1:${port}/x.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/s.css">hi</body></html>`, { width: 200, height: 100 });
    } finally {
      server.close();
    }

    expect(requests).toBe(0);
  });

  it('says how to install Chromium when the executable is missing', async () => {
    const missing = ChromiumBrowser.fromConfig({ executablePath: '/nonexistent/chromium' });

    await expect(missing.htmlToPdf('<p>x</p>')).rejects.toThrow(ProviderError);
    await expect(missing.htmlToPdf('<p>x</p>')).rejects.toThrow('cannot start Chromium at /nonexistent/chromium: no such file (install it with `apt-get install -y chromium`)');
  });
});

describe('JUnit XML read by Chromium\'s XML parser', { timeout: 120_000 }, () => {
  it('is well-formed, with one testsuite and failures exactly where the report has them', async () => {
    const { report } = await sampleReport({ fail: true });
    const nasty = { ...report, checks: [...report.checks, { name: '<&"\'> \u0001', passed: false, detail: ']]> <![CDATA[ & \u001b[31m' }] };
    const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });

    // Runs in the page: the DOM's XML parser, not ours.
    const script = `(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(renderJunit(nasty))}, 'application/xml');
      const cases = [...doc.getElementsByTagName('testcase')];
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        suites: doc.getElementsByTagName('testsuite').length,
        failed: cases.filter((c) => c.getElementsByTagName('failure').length > 0).map((c) => c.getAttribute('name')),
      };
    })()`;

    const parsed = await browser.newPage().then((page) => page.evaluate<{ errors: number; suites: number; failed: string[] }>(script)).finally(() => browser.close());

    expect(parsed.errors).toBe(0);
    expect(parsed.suites).toBe(1);
    expect(parsed.failed).toEqual(['phase fence', 'phase switchTraffic', 'run succeeded', 'RTO within objective (15m)', '<&"\'> \uFFFD']);
  });
});
