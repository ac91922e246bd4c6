import { describe, expect, it } from 'vitest';
import { Duration } from '../core/objectives/duration.js';
import type { DrillHistory, DrillRecord, DrillRecorder } from '../core/ports/drill-history.js';

/** What the contract needs to exercise one drill history implementation. */
export interface DrillHistoryHarness {
  /** A history on fresh, empty storage. */
  sut: DrillHistory & DrillRecorder;
  /** Another instance on the same storage (for SQLite: another connection to the file); undefined when there is none. */
  reopen?: () => DrillHistory;
  close: () => Promise<void>;
}

const at = (iso: string): Date => new Date(iso);

/**
 * The one contract every DrillHistory with a recorder passes: run it against the in-memory history
 * and SqliteDrillHistory.
 *
 * @example describeDrillHistoryContract('SqliteDrillHistory', async () => sqliteHarness(tmpDir))
 */
export function describeDrillHistoryContract(name: string, makeHarness: () => Promise<DrillHistoryHarness>): void {
  describe(`DrillHistory contract: ${name}`, () => {
    const withHarness = (test: (h: DrillHistoryHarness) => Promise<void>) => async (): Promise<void> => {
      const harness = await makeHarness();
      try {
        await test(harness);
      } finally {
        await harness.close();
      }
    };

    it('has no drills for a plan never drilled', withHarness(async ({ sut }) => {
      expect(await sut.drills('shop')).toEqual([]);
    }));

    it('reads back recorded drills of the plan only, newest first, every field kept', withHarness(async ({ sut }) => {
      const failover: DrillRecord = { plan: 'shop', kind: 'failover', finishedAt: at('2026-03-02T10:00:00.250Z'), succeeded: true, measuredRto: Duration.seconds(412), runId: 'failover-shop-1' };
      await sut.record({ plan: 'shop', kind: 'tabletop', finishedAt: at('2026-03-01T09:00:00Z'), succeeded: false });
      await sut.record(failover);
      await sut.record({ plan: 'blog', kind: 'component', finishedAt: at('2026-03-03T09:00:00Z'), succeeded: true });

      const drills = await sut.drills('shop');

      expect(drills.map((d) => d.kind)).toEqual(['failover', 'tabletop']);
      expect(drills[0]).toEqual(failover);
      expect(drills[0]?.measuredRto?.toString()).toBe('6m52s');
      expect(drills[1]).toEqual({ plan: 'shop', kind: 'tabletop', finishedAt: at('2026-03-01T09:00:00Z'), succeeded: false });
    }));

    it('keeps one record per run id, the last one recorded', withHarness(async ({ sut }) => {
      await sut.record({ plan: 'shop', kind: 'tabletop', finishedAt: at('2026-03-01T09:00:00Z'), succeeded: false, runId: 'tabletop-shop-1' });
      await sut.record({ plan: 'shop', kind: 'tabletop', finishedAt: at('2026-03-01T09:30:00Z'), succeeded: true, runId: 'tabletop-shop-1' });

      expect(await sut.drills('shop')).toEqual([{ plan: 'shop', kind: 'tabletop', finishedAt: at('2026-03-01T09:30:00Z'), succeeded: true, runId: 'tabletop-shop-1' }]);
    }));

    it('hands out copies: changing a record read does not change the history', withHarness(async ({ sut }) => {
      await sut.record({ plan: 'shop', kind: 'component', finishedAt: at('2026-03-01T09:00:00Z'), succeeded: true });

      const first = await sut.drills('shop');
      if (first[0]) first[0].succeeded = false;

      expect((await sut.drills('shop'))[0]?.succeeded).toBe(true);
    }));

    it('lets another reader on the same storage see what was recorded', withHarness(async ({ sut, reopen }) => {
      await sut.record({ plan: 'shop', kind: 'component', finishedAt: at('2026-03-01T09:00:00Z'), succeeded: true, runId: 'component-shop-1' });

      const other = reopen?.() ?? sut;

      expect((await other.drills('shop')).map((d) => d.runId)).toEqual(['component-shop-1']);
    }));
  });
}
