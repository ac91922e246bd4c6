import type { EChartsCoreOption } from 'echarts/core';
import type { PhaseStatus } from '../../core/evidence/evidence-report.js';
import type { TimelineModel } from '../../core/evidence/timeline.js';
import { axisDuration, niceStep } from './axis-duration.js';
import { phaseBars } from './phase-bars.js';

export const statusColors: Record<PhaseStatus, string> = { ok: '#1a7f37', 'over-budget': '#bf8700', failed: '#cf222e', skipped: '#8c959f', 'not-run': '#8c959f' };
const objectiveColor = '#cf222e';
const measuredColor = '#0550ae';
const font = { fontFamily: 'DejaVu Sans, sans-serif', fontSize: 13, color: '#1f2328' };
const gridBox = { top: 56, bottom: 52 };

interface Marker {
  at: number;
  text: string;
  measured: boolean;
}

/**
 * The echarts option of the timeline: a recovery grid (phases from the origin, RTO markers) and, when
 * the outage time is known, a data-loss grid to its left (restored backups' starts and RPO markers,
 * time running backwards from the outage). Objective markers are dashed red, measured ones solid blue,
 * labelled above the plot on two lines so that close markers stay readable.
 */
export function timelineOption(model: TimelineModel): EChartsCoreOption {
  const split = model.showsDataLoss ? 0.28 : 0;
  const ends = model.rows.map((r) => r.startS + Math.max(r.budgetS, r.elapsedS ?? 0));
  const grids: object[] = [{ left: `${Math.round(split * 100) + 10}%`, right: '5%', ...gridBox }];
  const xAxes: object[] = [valueAxis(0, [Math.min(0, ...model.rows.map((r) => r.startS)), Math.max(model.rtoObjectiveS, model.rtoMeasuredS ?? 0, ...ends)], `after ${model.originLabel} →`, false)];
  const yAxes: object[] = [{ gridIndex: 0, type: 'category', inverse: true, data: model.rows.map((r) => r.phase), axisLabel: { ...font, fontWeight: 'bold' }, axisTick: { show: false } }];
  const series: object[] = [phaseBars(model, statusColors), markers(0, 'start', [
    { at: model.rtoObjectiveS, text: `RTO objective ${axisDuration(model.rtoObjectiveS)}`, measured: false },
    ...(model.rtoMeasuredS === undefined ? [] : [{ at: model.rtoMeasuredS, text: `RTO ${axisDuration(model.rtoMeasuredS)}`, measured: true }]),
  ])];
  if (model.showsDataLoss) addDataLoss(model, { grids, xAxes, yAxes, series }, split);
  return { animation: false, backgroundColor: '#ffffff', textStyle: font, grid: grids, xAxis: xAxes, yAxis: yAxes, series };
}

/** A value axis in seconds over [from, to], widened to whole steps of a round duration. */
function valueAxis(gridIndex: number, [from, to]: [number, number], name: string, inverse: boolean): object {
  const step = niceStep((to - from) / 5);
  return {
    gridIndex, type: 'value', inverse, name, nameLocation: 'middle', nameGap: 30, nameTextStyle: { ...font, color: '#57606a' },
    min: Math.floor(from / step) * step, max: Math.max(step, Math.ceil((to * 1.04) / step) * step), interval: step,
    axisLabel: { ...font, fontSize: 12, formatter: (v: number) => axisDuration(v) }, splitLine: { lineStyle: { color: '#eaeef2' } },
  };
}

/** Vertical marker lines; `top` is the line end that lies above the plot ('start' when the y axis runs downwards). */
function markers(axis: number, top: 'start' | 'end', lines: Marker[]): object {
  return {
    type: 'line', xAxisIndex: axis, yAxisIndex: axis, data: [], silent: true,
    markLine: {
      symbol: 'none', silent: true, animation: false,
      data: lines.map((l) => {
        const color = l.measured ? measuredColor : objectiveColor;
        return { xAxis: l.at, lineStyle: { color, width: 2, type: l.measured ? 'solid' : 'dashed' }, label: { formatter: l.text, color, fontWeight: 'bold', fontSize: 12, position: top, distance: l.measured ? 4 : 22 } };
      }),
    },
  };
}

function addDataLoss(model: TimelineModel, o: { grids: object[]; xAxes: object[]; yAxes: object[]; series: object[] }, split: number): void {
  const max = Math.max(model.rpoObjectiveS, model.rpoMeasuredS ?? 0, ...model.backups.map((b) => b.beforeS));
  o.grids.push({ left: '3%', width: `${Math.round(split * 100) - 3}%`, ...gridBox });
  o.xAxes.push(valueAxis(1, [0, max], `← before ${model.originLabel}`, true));
  o.yAxes.push({ gridIndex: 1, type: 'category', data: ['backups'], axisLabel: { show: false }, axisTick: { show: false } });
  o.series.push(
    {
      type: 'scatter', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 14, itemStyle: { color: measuredColor }, data: model.backups.map((b) => [b.beforeS, 'backups']),
      label: { show: true, position: 'bottom', formatter: 'backup started', ...font, fontSize: 12, color: measuredColor },
    },
    markers(1, 'end', [
      { at: model.rpoObjectiveS, text: `RPO objective ${axisDuration(model.rpoObjectiveS)}`, measured: false },
      ...(model.rpoMeasuredS === undefined ? [] : [{ at: model.rpoMeasuredS, text: `RPO ${axisDuration(model.rpoMeasuredS)}`, measured: true }]),
    ]),
  );
}
