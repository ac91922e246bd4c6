/**
 * Counts failed authentications per client address in a sliding window (default 10 per minute).
 * Once an address reaches the limit, every request from it is refused until its oldest failure in
 * the window ages out; the refusal says how long that is (Retry-After). Successful requests do not
 * reset the count: a guesser with one valid token learns nothing from interleaving.
 *
 * @example const sut = new FailureLimiter({ limit: 10, windowMs: 60_000 }); sut.retryAfter('10.0.0.7', Date.now()) // 0
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly o: { limit: number; windowMs: number; maxAddresses?: number }) {}

  /** Seconds until `address` may try again; 0 when it is not limited. */
  retryAfter(address: string, now: number): number {
    const recent = this.recent(address, now);
    if (recent.length < this.o.limit) return 0;
    const oldest = recent[recent.length - this.o.limit] ?? now;
    return Math.max(1, Math.ceil((oldest + this.o.windowMs - now) / 1000));
  }

  recordFailure(address: string, now: number): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.delete(address);
    this.failures.set(address, recent.slice(-this.o.limit));
    this.evict();
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => t > now - this.o.windowMs);
  }

  /** Forgets the oldest addresses beyond `maxAddresses`, so a spray of addresses cannot grow memory without bound. */
  private evict(): void {
    const max = this.o.maxAddresses ?? 10_000;
    for (const key of this.failures.keys()) {
      if (this.failures.size <= max) return;
      this.failures.delete(key);
    }
  }
}
