import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { timelineOf } from './timeline.js';

describe('timelineOf', () => {
  it('measures phases in seconds from the outage, with RTO markers after it and RPO markers and backups before it', async () => {
    const { report } = await sampleReport();

    const sut = timelineOf(report);

    expect(sut).toMatchObject({ origin: '2026-11-25T02:45:00.000Z', originLabel: 'outage', showsDataLoss: true, rtoObjectiveS: 900, rtoMeasuredS: 250, rpoObjectiveS: 3600, rpoMeasuredS: 2700 });
    expect(sut.rows.slice(0, 3).map((r) => [r.phase, r.startS, r.elapsedS, r.budgetS, r.label])).toEqual([
      ['confirm', 20, 2, 120, '2s / 2m'], ['declare', 22, 58, 300, '58s / 5m'], ['fence', 80, 70, 60, '1m10s / 1m'],
    ]);
    expect(sut.backups).toEqual([{ label: 'monitoring: hourly-20261125020000', beforeS: 2700 }, { label: 'production: hourly-20261125020000', beforeS: 2700 }]);
  });

  it('places phases a failed run never reached after the last one that ran, at their budgets', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = timelineOf(report).rows.slice(-3);

    expect(sut.map((r) => [r.phase, r.started, r.startS, r.elapsedS, r.budgetS])).toEqual([
      ['switchTraffic', true, 236, 2, 120], ['watch', false, 238, undefined, 300], ['notify', false, 538, undefined, 60],
    ]);
  });

  it('runs from the start of the run, without a data-loss side, when the outage time is unknown', async () => {
    const { report } = await sampleReport();
    const tabletop = { ...report, kind: 'tabletop' as const, measured: {}, backups: [] };

    const sut = timelineOf(tabletop);

    expect(sut).toMatchObject({ origin: report.startedAt, originLabel: 'run started', showsDataLoss: false, rtoMeasuredS: undefined });
    expect(sut.rows[0]?.startS).toBe(0);
  });
});
