/**
 * Migrations of the PostgreSQL store, applied in order once each (`lifeboat_migrations` keeps the count)
 * under an advisory lock, so replicas starting together migrate once. Never edit a shipped migration:
 * append a new one.
 *
 * The tables mirror the SQLite store's (sqlite-schema.ts): `lifeboat_runs` keeps each chain's head so
 * an append checks continuity without reading the journal; `lifeboat_leases` keeps one row per plan
 * forever, so fencing tokens only grow; `lifeboat_drills` holds finished drills. `lifeboat_leader` is
 * the replicas' leadership lease (PostgresLeaderLease): one row per election name, its token grows on
 * every change of holder. Entries are kept as their canonical JSON text (not jsonb, which would reorder
 * keys): what was hashed is what is stored. Lease times are the database's clock, one clock for every
 * replica.
 */
export const postgresMigrations: readonly string[] = [
  `
CREATE TABLE lifeboat_runs (
  run_id     TEXT PRIMARY KEY,
  plan       TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_seq   INTEGER NOT NULL,
  last_hash  TEXT NOT NULL,
  last_kind  TEXT NOT NULL
);
CREATE INDEX lifeboat_runs_by_plan ON lifeboat_runs (plan, started_at);
CREATE TABLE lifeboat_journal (
  run_id    TEXT NOT NULL REFERENCES lifeboat_runs (run_id),
  seq       INTEGER NOT NULL,
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  entry     TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE lifeboat_leases (
  plan       TEXT PRIMARY KEY,
  holder     TEXT,
  token      BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE lifeboat_drills (
  id              BIGSERIAL PRIMARY KEY,
  plan            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  finished_at     TEXT NOT NULL,
  succeeded       BOOLEAN NOT NULL,
  measured_rto_ms BIGINT,
  run_id          TEXT UNIQUE
);
CREATE INDEX lifeboat_drills_by_plan ON lifeboat_drills (plan, finished_at);
CREATE TABLE lifeboat_leader (
  name       TEXT PRIMARY KEY,
  holder     TEXT,
  token      BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
`,
];
