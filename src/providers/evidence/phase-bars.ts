import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { PhaseStatus } from '../../core/evidence/evidence-report.js';
import type { TimelineModel, TimelineRow } from '../../core/evidence/timeline.js';

/**
 * A custom echarts series drawing each phase as a pale budget bar with its elapsed time over it in
 * the phase's status colour, labelled "elapsed / budget". Custom rather than stacked bars, so phases
 * that start before the origin (a confirmation before the recorded outage) still draw correctly.
 */
export function phaseBars(model: TimelineModel, colors: Record<PhaseStatus, string>): object {
  const ends = (r: TimelineRow): number[] => [r.startS, r.startS + (r.elapsedS ?? 0), r.startS + r.budgetS];
  return {
    type: 'custom', xAxisIndex: 0, yAxisIndex: 0, silent: true,
    data: model.rows.map((r, i) => [i, ...ends(r)]),
    encode: { x: [1, 2, 3], y: 0 },
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const row = model.rows[params.dataIndex] as TimelineRow;
      const [start, elapsedEnd, budgetEnd] = ends(row).map((s) => Number(api.coord([s, params.dataIndex])[0])) as [number, number, number];
      const y = Number(api.coord([0, params.dataIndex])[1]);
      const band = Number((api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 30);
      const color = colors[row.status];
      return {
        type: 'group',
        children: [
          { type: 'rect', shape: { x: start, y: y - band * 0.34, width: Math.max(1, budgetEnd - start), height: band * 0.68 }, style: { fill: row.started ? '#d8dee4' : '#eef1f4', stroke: '#afb8c1', lineWidth: 1 } },
          { type: 'rect', shape: { x: start, y: y - band * 0.2, width: row.started ? Math.max(3, elapsedEnd - start) : 0, height: band * 0.4 }, style: { fill: color } },
          { type: 'text', x: Math.max(elapsedEnd, budgetEnd) + 6, y, style: { text: row.label, fill: row.status === 'ok' ? '#1f2328' : color, fontSize: 12, fontWeight: 'bold', verticalAlign: 'middle', fontFamily: 'DejaVu Sans, sans-serif' } },
        ],
      };
    },
  };
}
