import type { Duration } from '../objectives/duration.js';

export type DrillKind = 'tabletop' | 'component' | 'failover';

/** One finished drill. */
export interface DrillRecord {
  plan: string;
  kind: DrillKind;
  finishedAt: Date;
  succeeded: boolean;
  /** The recovery time the drill measured (failover drills), when it measured one. */
  measuredRto?: Duration;
}

/** Where drill outcomes are kept (the runbook journal, once drills land). */
export interface DrillHistory {
  /** Finished drills of a plan, newest first. */
  drills(plan: string): Promise<DrillRecord[]>;
}
