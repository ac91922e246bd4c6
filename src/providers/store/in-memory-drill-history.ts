import type { DrillHistory, DrillRecord, DrillRecorder } from '../../core/ports/drill-history.js';

/**
 * Drill outcomes held in memory, for tests and for a `lifeboat status` on a machine that has no state
 * directory yet (no drill recorded there, which is the truth). Passes the DrillHistory contract.
 */
export class InMemoryDrillHistory implements DrillHistory, DrillRecorder {
  private records: DrillRecord[];

  constructor(records: readonly DrillRecord[] = []) {
    this.records = [...records];
  }

  static fromConfig(config: { records?: readonly DrillRecord[] } = {}): InMemoryDrillHistory {
    return new InMemoryDrillHistory(config.records ?? []);
  }

  record(drill: DrillRecord): Promise<void> {
    const others = drill.runId === undefined ? this.records : this.records.filter((d) => d.runId !== drill.runId);
    this.records = [...others, { ...drill }];
    return Promise.resolve();
  }

  drills(plan: string): Promise<DrillRecord[]> {
    return Promise.resolve(this.records.filter((d) => d.plan === plan).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime()).map((d) => ({ ...d })));
  }
}
