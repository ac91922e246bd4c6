/**
 * Tables of the embedded journal store. `runs` keeps the chain's head (last seq and hash) so an append
 * checks continuity without reading the journal; `leases` keeps one row per plan forever, so fencing
 * tokens only grow, even across releases. `drills` holds finished drills (SqliteDrillHistory), with the
 * run that was the drill's evidence when there is one; a run id appears at most once.
 */
export const sqliteSchema = `
CREATE TABLE IF NOT EXISTS runs (
  run_id     TEXT PRIMARY KEY,
  plan       TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_seq   INTEGER NOT NULL,
  last_hash  TEXT NOT NULL,
  last_kind  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_plan ON runs (plan, started_at);
CREATE TABLE IF NOT EXISTS journal (
  run_id    TEXT NOT NULL REFERENCES runs (run_id),
  seq       INTEGER NOT NULL,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  entry     TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
  plan       TEXT PRIMARY KEY,
  holder     TEXT,
  token      INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS drills (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  plan            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  finished_at     TEXT NOT NULL,
  succeeded       INTEGER NOT NULL,
  measured_rto_ms INTEGER,
  run_id          TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS drills_by_plan ON drills (plan, finished_at);
`;
