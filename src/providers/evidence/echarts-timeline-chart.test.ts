import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { timelineOf } from '../../core/evidence/timeline.js';
import { EchartsTimelineChart } from './echarts-timeline-chart.js';
import { statusColors } from './timeline-option.js';

describe('EchartsTimelineChart', () => {
  it('renders the failed drill\'s timeline as SVG matching its snapshot', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = EchartsTimelineChart.fromConfig().render(timelineOf(report));

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/timeline-failed.svg');
  });

  it('draws every phase, its label, the objective and measured markers, in the status colours', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = EchartsTimelineChart.fromConfig({ width: 900 }).render(timelineOf(report));

    expect(sut).toMatch(/^<svg width="900" height="416"/);
    for (const p of report.phases) expect(sut).toContain(`>${p.name}</text>`);
    for (const label of ['1m10s / 1m', '2s / 2m', 'not-run / 5m', 'RTO objective 15m', 'RPO objective 1h', 'RPO 45m', 'backup started']) expect(sut).toContain(label);
    expect(sut).toContain(`fill="${statusColors.failed}"`);
    expect(sut).toContain(`fill="${statusColors['over-budget']}"`);
  });

  it('leaves the data-loss side out when the outage time is unknown', async () => {
    const { report } = await sampleReport();

    const sut = EchartsTimelineChart.fromConfig().render(timelineOf({ ...report, measured: {}, backups: [] }));

    expect(sut).toContain('RTO objective 15m');
    expect(sut).not.toContain('RPO objective');
    expect(sut).toContain('after run started');
  });
});
