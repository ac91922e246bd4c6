import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { TimelineModel } from '../../core/evidence/timeline.js';
import { timelineOption } from './timeline-option.js';

echarts.use([CustomChart, LineChart, ScatterChart, GridComponent, MarkLineComponent, SVGRenderer]);

/**
 * Draws a report's timeline (phases as bars of elapsed time over their budgets, RTO and RPO objective
 * markers, restored backups before the outage) with echarts' server-side SVG renderer: no DOM, no
 * browser, the same chart code the dashboard can use. The SVG goes inline into the report's HTML.
 *
 * @example const svg = EchartsTimelineChart.fromConfig().render(timelineOf(report))
 */
export class EchartsTimelineChart {
  constructor(private readonly config: { width: number }) {}

  static fromConfig(config: { width?: number } = {}): EchartsTimelineChart {
    return new EchartsTimelineChart({ width: config.width ?? 1000 });
  }

  /** The chart as an SVG document. */
  render(model: TimelineModel): string {
    const height = 110 + Math.max(1, model.rows.length) * 34;
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: this.config.width, height });
    try {
      chart.setOption(timelineOption(model));
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  }
}
