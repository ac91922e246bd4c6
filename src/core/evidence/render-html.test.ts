import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { EchartsTimelineChart } from '../../providers/evidence/echarts-timeline-chart.js';
import { renderHtml } from './render-html.js';
import { timelineOf } from './timeline.js';

const tinySvg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><rect width="10" height="10"/></svg>';

describe('renderHtml', () => {
  it('matches its snapshot (with a stand-in chart)', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = renderHtml(report, { timelineSvg: tinySvg });

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/report-failed.html');
  });

  it('is self-contained: no script, no stylesheet link, no attribute or CSS url pointing anywhere, a CSP that forbids loading', async () => {
    const { report } = await sampleReport();
    const svg = EchartsTimelineChart.fromConfig().render(timelineOf(report));

    const sut = renderHtml(report, { timelineSvg: svg });

    expect(sut).not.toMatch(/<(script|link|iframe|img|object|embed)\b/i);
    expect(sut).not.toMatch(/url\((?!#)|@import/i);
    expect(sut).not.toMatch(/\s[\w:-]+\s*=\s*"[^"]*\/\/[^"]*"/);
    expect(sut).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('embeds the timeline chart as inline SVG with every phase and the RTO/RPO objective markers', async () => {
    const { report } = await sampleReport();
    const svg = EchartsTimelineChart.fromConfig().render(timelineOf(report));

    const sut = renderHtml(report, { timelineSvg: svg });

    const inline = /<section id="timeline">[\s\S]*?(<svg[\s\S]*?<\/svg>)/.exec(sut)?.[1] ?? '';
    for (const phase of report.phases) expect(inline).toContain(`>${phase.name}</text>`);
    expect(inline).toContain('RTO objective 15m');
    expect(inline).toContain('RPO objective 1h');
    expect(inline).toContain('RTO 4m10s');
    expect(inline).not.toContain('xmlns');
  });

  it('shows the outcome in the banner and the failure before anything else', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = renderHtml(report);

    expect(sut).toContain('<header class="banner banner-failed"><div class="verdict">FAILED</div>');
    expect(sut.indexOf('id="failure"')).toBeLessThan(sut.indexOf('id="objectives"'));
    expect(sut).toContain('The timeline chart was not rendered.');
  });

  it('escapes text from the journal and the caller', async () => {
    const { report } = await sampleReport();

    const sut = renderHtml({ ...report, notes: ['<script>alert("x")</script>'] });

    expect(sut).toContain('<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li>');
  });
});
