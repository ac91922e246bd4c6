import type { Duration } from '../../core/objectives/duration.js';
import { PostgresDatabase, type PostgresConfig } from './postgres-database.js';

/** What one claim found: this replica leads (with its token), or who does. */
export type LeadershipClaim =
  | { mine: true; token: number; expiresAt: Date }
  | { mine: false; holder: string | undefined; expiresAt: Date };

interface LeaderRow { holder: string | null; token: string; expires_at: Date; live: boolean }

/**
 * The replicas' leadership as one row of `lifeboat_leader`, timed by the database's clock. A claim
 * renews the lease when this holder has it with the token it knows, takes it (token + 1) when it is
 * free or expired, and otherwise reports the holder. Every change of holder, and every take after an
 * expiry, grows the token: writes fenced with an older one are refused (PostgresJournalStore).
 *
 * @example const claim = await PostgresLeaderLease.fromConfig({ url }).claim('host:42', Duration.seconds(15))
 */
export class PostgresLeaderLease {
  constructor(private readonly db: PostgresDatabase, readonly name = 'lifeboat-serve') {}

  static fromConfig(config: PostgresConfig & { name?: string }): PostgresLeaderLease {
    return new PostgresLeaderLease(PostgresDatabase.fromConfig(config), config.name);
  }

  claim(holder: string, ttl: Duration, known?: number): Promise<LeadershipClaim> {
    return this.db.transaction('claim leadership', async (c) => {
      await c.query("INSERT INTO lifeboat_leader VALUES ($1, NULL, 0, 'epoch') ON CONFLICT (name) DO NOTHING", [this.name]);
      const row = (await c.query<LeaderRow>('SELECT holder, token, expires_at, expires_at > clock_timestamp() AS live FROM lifeboat_leader WHERE name = $1 FOR UPDATE', [this.name])).rows[0] as LeaderRow;
      const renew = row.holder === holder && row.live && Number(row.token) === known;
      if (!renew && row.holder && row.holder !== holder && row.live) return { mine: false, holder: row.holder, expiresAt: row.expires_at };
      const set = await c.query<{ token: string; expires_at: Date }>(
        `UPDATE lifeboat_leader SET holder = $2, token = token + $3, expires_at = clock_timestamp() + $4 * interval '1 millisecond' WHERE name = $1 RETURNING token, expires_at`,
        [this.name, holder, renew ? 0 : 1, ttl.toMilliseconds()],
      );
      const taken = set.rows[0] as { token: string; expires_at: Date };
      return { mine: true, token: Number(taken.token), expiresAt: taken.expires_at };
    });
  }

  /** Gives leadership up at once (shutdown), when this holder still has it with this token. */
  async release(holder: string, token: number): Promise<void> {
    await this.db.query('release leadership', "UPDATE lifeboat_leader SET holder = NULL, expires_at = 'epoch' WHERE name = $1 AND holder = $2 AND token = $3", [this.name, holder, token]);
  }

  /** Who leads now, if anyone. */
  async current(): Promise<{ holder: string; token: number; expiresAt: Date } | undefined> {
    const rows = await this.db.query<{ holder: string; token: string; expires_at: Date }>('read leadership', 'SELECT holder, token, expires_at FROM lifeboat_leader WHERE name = $1 AND holder IS NOT NULL AND expires_at > clock_timestamp()', [this.name]);
    const row = rows[0];
    return row && { holder: row.holder, token: Number(row.token), expiresAt: row.expires_at };
  }
}
