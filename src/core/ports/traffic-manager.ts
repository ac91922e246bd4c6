import type { Duration } from '../objectives/duration.js';

/** What a DNS record answers now. */
export interface TrafficState {
  /** Addresses (A/AAAA) or the target name (CNAME) the record answers with. */
  targets: string[];
  ttl: Duration;
  /** Weights per target when the record is weighted (active-active, gradual failback); else undefined. */
  weights?: Record<string, number>;
}

/**
 * Moves user traffic between regions through one DNS record (PowerDNS, Route 53, Cloudflare).
 * Every method is idempotent: pointing at the targets already set changes nothing.
 */
export interface TrafficManager {
  /** The record's current answer; undefined when the record does not exist. */
  current(): Promise<TrafficState | undefined>;
  /** Points the record at exactly these targets (failover, full failback). */
  pointTo(targets: readonly string[], ttl: Duration): Promise<void>;
  /** Splits answers by weight (percent, summing to 100) between targets (gradual failback, active-active). */
  weigh(weights: Readonly<Record<string, number>>, ttl: Duration): Promise<void>;
}
