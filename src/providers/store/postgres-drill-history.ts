import { Duration } from '../../core/objectives/duration.js';
import type { DrillHistory, DrillKind, DrillRecord, DrillRecorder } from '../../core/ports/drill-history.js';
import { PostgresDatabase, type PostgresConfig } from './postgres-database.js';

interface DrillRow { plan: string; kind: string; finished_at: string; succeeded: boolean; measured_rto_ms: string | null; run_id: string | null }

/**
 * Finished drills in the PostgreSQL the replicas share, beside the run journals (the same rules as
 * SqliteDrillHistory: recording a run id again replaces that run's record, as a new row).
 *
 * @example const history = new PostgresDrillHistory(PostgresDatabase.fromConfig({ url }))
 */
export class PostgresDrillHistory implements DrillHistory, DrillRecorder {
  constructor(private readonly db: PostgresDatabase) {}

  static fromConfig(config: PostgresConfig): PostgresDrillHistory {
    return new PostgresDrillHistory(PostgresDatabase.fromConfig(config));
  }

  /** Nothing to do: the database is shared with the journal store and closed with it. */
  close(): void {}

  record(drill: DrillRecord): Promise<void> {
    return this.db.transaction('record drill', async (c) => {
      if (drill.runId !== undefined) await c.query('DELETE FROM lifeboat_drills WHERE run_id = $1', [drill.runId]);
      await c.query(
        'INSERT INTO lifeboat_drills (plan, kind, finished_at, succeeded, measured_rto_ms, run_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [drill.plan, drill.kind, drill.finishedAt.toISOString(), drill.succeeded, drill.measuredRto?.toMilliseconds() ?? null, drill.runId ?? null],
      );
    });
  }

  async drills(plan: string): Promise<DrillRecord[]> {
    const rows = await this.db.query<DrillRow>(
      'read drills',
      'SELECT plan, kind, finished_at, succeeded, measured_rto_ms, run_id FROM lifeboat_drills WHERE plan = $1 ORDER BY finished_at DESC, id DESC',
      [plan],
    );
    return rows.map(recordOf);
  }
}

function recordOf(row: DrillRow): DrillRecord {
  return {
    plan: row.plan,
    kind: row.kind as DrillKind,
    finishedAt: new Date(row.finished_at),
    succeeded: row.succeeded,
    ...(row.measured_rto_ms === null ? {} : { measuredRto: Duration.milliseconds(Number(row.measured_rto_ms)) }),
    ...(row.run_id === null ? {} : { runId: row.run_id }),
  };
}
