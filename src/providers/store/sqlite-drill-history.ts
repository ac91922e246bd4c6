import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Duration } from '../../core/objectives/duration.js';
import type { DrillHistory, DrillKind, DrillRecord, DrillRecorder } from '../../core/ports/drill-history.js';
import { sqliteSchema } from './sqlite-schema.js';

interface DrillRow { plan: string; kind: string; finished_at: string; succeeded: number; measured_rto_ms: number | null; run_id: string | null }

/**
 * Finished drills in the embedded store: the same SQLite file (WAL) as the run journals, so a drill's
 * record and its journaled run live side by side in the state directory. Recording a run id again
 * replaces that run's record (a resumed drill records its final outcome).
 *
 * @example const history = SqliteDrillHistory.fromConfig({ path: join(stateDir, 'journal.sqlite3') })
 */
export class SqliteDrillHistory implements DrillHistory, DrillRecorder {
  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(sqliteSchema);
  }

  static fromConfig(config: { path: string }): SqliteDrillHistory {
    mkdirSync(dirname(config.path), { recursive: true });
    return new SqliteDrillHistory(new Database(config.path));
  }

  close(): void {
    this.db.close();
  }

  record(drill: DrillRecord): Promise<void> {
    return this.attempt(() => {
      const insert = this.db.prepare('INSERT OR REPLACE INTO drills (plan, kind, finished_at, succeeded, measured_rto_ms, run_id) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run(drill.plan, drill.kind, drill.finishedAt.toISOString(), drill.succeeded ? 1 : 0, drill.measuredRto?.toMilliseconds() ?? null, drill.runId ?? null);
    });
  }

  drills(plan: string): Promise<DrillRecord[]> {
    return this.attempt(() => this.db
      .prepare<[string], DrillRow>('SELECT plan, kind, finished_at, succeeded, measured_rto_ms, run_id FROM drills WHERE plan = ? ORDER BY finished_at DESC, id DESC')
      .all(plan)
      .map(recordOf));
  }

  /** Runs synchronous SQLite work and hands its result or error over as a promise. */
  private attempt<T>(work: () => T): Promise<T> {
    return Promise.resolve().then(work);
  }
}

function recordOf(row: DrillRow): DrillRecord {
  return {
    plan: row.plan,
    kind: row.kind as DrillKind,
    finishedAt: new Date(row.finished_at),
    succeeded: row.succeeded === 1,
    ...(row.measured_rto_ms === null ? {} : { measuredRto: Duration.milliseconds(row.measured_rto_ms) }),
    ...(row.run_id === null ? {} : { runId: row.run_id }),
  };
}
