import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import type { DrillRecord } from '../ports/drill-history.js';
import { drillDue, lastSuccessful } from './drill-due.js';

const now = new Date('2026-03-10T10:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);
const DAY = 86_400_000;

describe('drillDue', () => {
  it.each([
    ['weekly', '6d', 'ok', '2026-03-11T10:00:00.000Z', undefined],
    ['weekly', '7d', 'ok', '2026-03-10T10:00:00.000Z', undefined],
    ['weekly', '7d1m', 'overdue', '2026-03-10T09:59:00.000Z', '1m'],
    ['weekly', '9d1h', 'overdue', '2026-03-08T09:00:00.000Z', '2d1h'],
    ['quarterly', '91d', 'ok', '2026-03-11T10:00:00.000Z', undefined],
    ['quarterly', '100d', 'overdue', '2026-03-02T10:00:00.000Z', '8d'],
    ['0 9 * * 1-5', '3d', 'ok', '2026-03-10T10:00:00.000Z', undefined],
    ['0 9 * * 1-5', '3d2h', 'overdue', '2026-03-10T08:00:00.000Z', '2h'],
  ])('%s, last success %s ago: %s, due %s, overdue by %s', (...[cadence, age, state, nextDue, overdueBy]) => {
    const sut = drillDue(cadence, ago(Duration.parse(age).toMilliseconds()), now);

    expect([sut.state, sut.nextDue?.toISOString(), sut.overdueBy?.toString()]).toEqual([state, nextDue, overdueBy]);
  });

  it('is due now, with no deadline, when never drilled', () => {
    const sut = drillDue('monthly', undefined, now);

    expect(sut).toMatchObject({ state: 'never' });
    expect(sut.interval?.toString()).toBe('31d');
    expect(sut.nextDue).toBeUndefined();
  });

  it('never makes a drill overdue on a cadence that is no valid cron', () => {
    expect(drillDue('61 9 * * *', ago(400 * DAY), now)).toEqual({ state: 'ok' });
  });
});

describe('lastSuccessful', () => {
  it('picks the newest successful drill of the kind, skipping failed ones and other kinds', () => {
    const drills: DrillRecord[] = [
      { plan: 'shop', kind: 'tabletop', finishedAt: ago(DAY), succeeded: false },
      { plan: 'shop', kind: 'failover', finishedAt: ago(2 * DAY), succeeded: true },
      { plan: 'shop', kind: 'tabletop', finishedAt: ago(5 * DAY), succeeded: true, runId: 'older' },
      { plan: 'shop', kind: 'tabletop', finishedAt: ago(3 * DAY), succeeded: true, runId: 'newer' },
    ];

    expect(lastSuccessful(drills, 'tabletop')?.runId).toBe('newer');
  });
});
