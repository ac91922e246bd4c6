import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import type { DrillKind, DrillRecord } from '../ports/drill-history.js';
import { checkDrills } from '../posture/check-drills.js';
import { aHealthySnapshot, aPlan, NOW } from '../../testing/posture-fixtures.js';
import { drillSchedule, hasDueDrills } from './drill-schedule.js';

const ago = (text: string): Date => new Date(NOW.getTime() - Duration.parse(text).toMilliseconds());
const drill = (kind: DrillKind, age: string, succeeded = true, runId?: string): DrillRecord => ({ plan: 'shop', kind, finishedAt: ago(age), succeeded, ...(runId ? { runId } : {}) });
const plan = aPlan({ drills: { tabletop: 'quarterly', component: 'weekly', failover: '0 9 1 */2 *' } });

describe('drillSchedule', () => {
  it('gives each kind its cron, last run, next due date and next slot', () => {
    const sut = drillSchedule(plan, [drill('tabletop', '10d', true, 'tabletop-shop-1'), drill('component', '9d'), drill('failover', '1d', false)], NOW);

    expect(sut.map((r) => [r.kind, r.cron, r.interval?.toString(), r.state, r.nextDue?.toISOString(), r.overdueBy?.toString(), r.nextSlot?.toISOString()])).toEqual([
      ['tabletop', '0 9 1 1,4,7,10 *', '92d', 'ok', '2026-08-22T12:00:00.000Z', undefined, '2026-07-01T09:00:00.000Z'],
      ['component', '0 9 * * 1', '7d', 'overdue', '2026-05-30T12:00:00.000Z', '2d', '2026-06-08T09:00:00.000Z'],
      ['failover', '0 9 1 */2 *', '62d', 'never', undefined, undefined, '2026-07-01T09:00:00.000Z'],
    ]);
    expect(sut[0]?.lastRun).toEqual({ finishedAt: ago('10d'), succeeded: true, runId: 'tabletop-shop-1' });
    expect(sut[2]?.lastRun).toEqual({ finishedAt: ago('1d'), succeeded: false });
    expect(sut[2]?.lastSuccess).toBeUndefined();
  });

  it.each([
    ['every kind recent', ['1d', '1d', '1d'], false],
    ['one kind overdue', ['1d', '8d', '1d'], true],
    ['one kind never run', ['1d', '1d', undefined], true],
  ])('%s: something due is %s', (_, ages, due) => {
    const kinds: DrillKind[] = ['tabletop', 'component', 'failover'];
    const drills = kinds.flatMap((k, i) => (ages[i] ? [drill(k, ages[i])] : []));

    expect(hasDueDrills(drillSchedule(plan, drills, NOW))).toBe(due);
  });

  it.each(['6d23h', '7d', '7d1m', '30d', '61d', '62d1h', '93d'])('agrees with lifeboat status on what is overdue, for drills %s old', (age) => {
    const drills = (['tabletop', 'component', 'failover'] as const).map((k) => drill(k, age));
    const snapshot = { ...aHealthySnapshot(plan), drills };

    const overdueInSchedule = drillSchedule(plan, drills, NOW).filter((r) => r.state === 'overdue').map((r) => r.kind);
    const overdueInStatus = checkDrills(snapshot).map((f) => f.evidence?.kind);

    expect(overdueInStatus).toEqual(overdueInSchedule);
  });
});
