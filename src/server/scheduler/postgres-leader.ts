import { performance } from 'node:perf_hooks';
import { Duration } from '../../core/objectives/duration.js';
import type { Logger } from '../logger.js';
import type { Leader } from './leader.js';

/** The leadership lease in the shared database (PostgresLeaderLease in src/providers/store). */
export interface LeadershipLease {
  readonly name: string;
  /** Renews (same token) when `holder` has it with token `known`, takes it (new token) when free or expired, else says who has it. */
  claim(holder: string, ttl: Duration, known?: number): Promise<
    | { mine: true; token: number; expiresAt: Date }
    | { mine: false; holder: string | undefined; expiresAt: Date }
  >;
  release(holder: string, token: number): Promise<void>;
}

export interface PostgresLeaderOptions {
  lease: LeadershipLease;
  /** This replica (host and pid): the lease's holder. */
  id: string;
  /** How long leadership lasts without a renewal; renewed every third of it. Default 15s. */
  ttl?: Duration;
  logger?: Logger;
  /** Monotonic milliseconds (default performance.now): the local deadline never follows wall-clock jumps. */
  now?: () => number;
}

/**
 * One leader among replicas sharing a PostgreSQL: each replica claims the lease every third of its
 * ttl; the holder renews it, the others learn who leads and take it once it expires. A leader steps
 * down on its own (onChange(false)) when a renewal has not succeeded by 90% of the ttl since the
 * last successful one was sent (database unreachable, process paused), before the lease can pass to
 * another replica. `fence()` hands the token to the journal store, which refuses a deposed leader's
 * runner writes even if this process has not noticed yet.
 *
 * @example const leader = new PostgresLeader({ lease, id: `${hostname()}:${process.pid}` }).start()
 */
export class PostgresLeader implements Leader {
  readonly id: string;
  private leading = false;
  private token: number | undefined;
  private deadline = 0;
  private known: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> | undefined;
  private closed = false;
  private readonly listeners = new Set<(leading: boolean) => void>();

  constructor(private readonly o: PostgresLeaderOptions) {
    this.id = o.id;
  }

  /** Starts claiming (at once, then every third of the ttl). */
  start(): this {
    if (this.timer || this.closed) return this;
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.round(this.ttl().toMilliseconds() / 3)));
    this.timer.unref();
    void this.tick();
    return this;
  }

  isLeader(): boolean {
    return this.leading && this.now() < this.deadline;
  }

  /** Who leads as this replica last saw it (itself while leading); undefined when nobody does. */
  leaderId(): string | undefined {
    return this.isLeader() ? this.id : this.known;
  }

  /** The leadership token for fenced writes; undefined while not leading. */
  fence(): { name: string; holder: string; token: number } | undefined {
    return this.isLeader() && this.token !== undefined ? { name: this.o.lease.name, holder: this.id, token: this.token } : undefined;
  }

  onChange(listener: (leading: boolean) => void): () => void {
    this.listeners.add(listener);
    listener(this.isLeader());
    return () => this.listeners.delete(listener);
  }

  /** Stops claiming and gives the lease up, so another replica takes over at once. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.claiming;
    const token = this.token;
    this.token = undefined;
    if (token !== undefined) await this.o.lease.release(this.id, token).catch(() => undefined);
    this.set(false, 'shutting down');
  }

  /** One turn: step down if the deadline passed, then claim unless a claim is still under way. */
  tick(): Promise<void> {
    if (this.leading && this.now() >= this.deadline) this.set(false, 'the lease was not renewed in time');
    this.claiming ??= this.claim().finally(() => { this.claiming = undefined; });
    return this.claiming;
  }

  private async claim(): Promise<void> {
    const sent = this.now();
    try {
      const claim = await this.o.lease.claim(this.id, this.ttl(), this.token);
      if (this.closed) {
        // close() waits for this claim, then releases what it took.
        if (claim.mine) this.token = claim.token;
        return;
      }
      if (claim.mine) this.lead(claim.token, sent);
      else this.follow(claim.holder);
    } catch (error) {
      this.o.logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'leadership claim failed');
      if (this.leading && this.now() >= this.deadline) this.set(false, 'the database did not answer in time');
    }
  }

  private lead(token: number, sent: number): void {
    // A new token means the old leadership ended (it expired first): whatever ran under it is fenced off.
    if (this.token !== undefined && token !== this.token) this.set(false, 'the lease expired and was taken again');
    this.token = token;
    this.deadline = sent + this.ttl().toMilliseconds() * 0.9;
    this.known = this.id;
    this.set(true, `token ${token}`);
  }

  private follow(holder: string | undefined): void {
    this.token = undefined;
    this.known = holder;
    this.set(false, `${holder ?? 'another replica'} leads`);
  }

  private set(leading: boolean, why: string): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.o.logger?.info({ replica: this.id, token: this.token ?? null, why }, leading ? 'leadership gained' : 'leadership lost');
    for (const listener of this.listeners) listener(leading);
  }

  private ttl(): Duration {
    return this.o.ttl ?? Duration.seconds(15);
  }

  private now(): number {
    return this.o.now ? this.o.now() : performance.now();
  }
}
