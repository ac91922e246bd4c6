import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { renderJunit } from './render-junit.js';

/** Each testcase's name and whether it holds a failure or a skip. */
function testcases(xml: string): Array<{ name: string; failure: boolean; skipped: boolean }> {
  return [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: m[1] ?? '', failure: (m[3] ?? '').includes('<failure'), skipped: (m[3] ?? '').includes('<skipped'),
  }));
}

describe('renderJunit', () => {
  it('matches its snapshot for a failed drill', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = renderJunit(report);

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/report-failed.junit.xml');
  });

  it.each([false, true])('has one testcase per phase and per check, failures exactly for failed/over-budget phases and failed checks (failed run: %s)', async (fail) => {
    const { report } = await sampleReport({ fail });

    const sut = testcases(renderJunit(report));

    expect(sut.map((c) => c.name)).toEqual([...report.phases.map((p) => `phase ${p.name}`), ...report.checks.map((c) => c.name)]);
    const expected = [
      ...report.phases.filter((p) => p.status === 'failed' || p.status === 'over-budget').map((p) => `phase ${p.name}`),
      ...report.checks.filter((c) => !c.passed).map((c) => c.name),
    ];
    expect(sut.filter((c) => c.failure).map((c) => c.name)).toEqual(expected);
    expect(sut.filter((c) => c.skipped).map((c) => c.name)).toEqual(report.phases.filter((p) => p.status === 'not-run' || p.status === 'skipped').map((p) => `phase ${p.name}`));
  });

  it('counts tests, failures and skips on the suite', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = renderJunit(report);

    expect(sut).toMatch(/<testsuite name="failover-drill shop drill-shop-20261125t024520z-ab12" tests="14" failures="4" errors="0" skipped="3" /);
  });

  it('escapes markup, quotes and control characters in names and messages', async () => {
    const { report } = await sampleReport();
    const nasty = { ...report, checks: [{ name: `<b>"quoted" & 'single'</b>`, passed: false, detail: 'bell \u0007 and ]]> end' }] };

    const sut = renderJunit(nasty);

    expect(sut).toContain('name="&lt;b&gt;&quot;quoted&quot; &amp; &apos;single&apos;&lt;/b&gt;"');
    expect(sut).toContain('message="bell \uFFFD and ]]&gt; end">bell \uFFFD and ]]&gt; end</failure>');
    expect(sut).not.toContain('\u0007');
  });

  it('puts several reports in one file, one testsuite each', async () => {
    const { report: a } = await sampleReport();
    const { report: b } = await sampleReport({ fail: true });

    const sut = renderJunit([a, b]);

    expect(sut.match(/<testsuite /g)).toHaveLength(2);
    expect(sut).toMatch(/<testsuites name="lifeboat evidence" tests="28" failures="5" errors="0" skipped="3">/);
  });
});
