import type { DrillHistory, DrillRecord } from '../../core/ports/drill-history.js';

/**
 * Drill outcomes held in memory. Until drills write their results to the journal store this is the
 * only history there is, so `lifeboat status` reports plans as never drilled, which is the truth.
 */
export class InMemoryDrillHistory implements DrillHistory {
  private readonly records: DrillRecord[];

  constructor(records: readonly DrillRecord[] = []) {
    this.records = [...records];
  }

  static fromConfig(config: { records?: readonly DrillRecord[] } = {}): InMemoryDrillHistory {
    return new InMemoryDrillHistory(config.records ?? []);
  }

  /** Records a finished drill. */
  record(drill: DrillRecord): void {
    this.records.push(drill);
  }

  drills(plan: string): Promise<DrillRecord[]> {
    return Promise.resolve(this.records.filter((d) => d.plan === plan).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime()));
  }
}
