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
  /** The journaled run the drill was (its evidence), when it was one. */
  runId?: string;
}

/** Where drill outcomes are kept: the state directory's SQLite file, next to the run journals. */
export interface DrillHistory {
  /** Finished drills of a plan, newest first. */
  drills(plan: string): Promise<DrillRecord[]>;
}

/** Keeps the outcome of a finished drill, so posture and the drill schedule see it. */
export interface DrillRecorder {
  /** Stores one finished drill; recording the same runId twice keeps the later record only. */
  record(drill: DrillRecord): Promise<void>;
}
