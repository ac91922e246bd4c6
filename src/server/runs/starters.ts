import type { LoadedPlan } from '../plans/plan-catalog.js';
import type { RunDrive } from './run-launcher.js';

/** A prepared run: its id (known before it starts) and the drive that runs it to its end. */
export interface PreparedRun {
  runId: string;
  drive: RunDrive;
  /**
   * The run is journaled only after a while (a failover drill first injects the outage and waits for
   * the trigger): the start is accepted at once, and the run's event stream waits for it.
   */
  startsLater?: boolean;
}

export interface RunbookStart {
  plan: LoadedPlan;
  kind: 'failover' | 'failback';
  /** Who starts it: `api:<token name>`, or `trigger` for an alert. */
  actor: string;
  /** The starter's approval opens the declare gate (auto-failover on an alert only). */
  approve: boolean;
}

/** Prepares a failover or failback run of a plan (src/wiring: runFailover with the plan's providers). */
export type RunbookStarter = (start: RunbookStart) => PreparedRun;

/** The drill kinds the server can start through the API (tabletop needs people in a room). */
export const STARTABLE_DRILLS = ['component', 'failover'] as const;
export type StartableDrill = (typeof STARTABLE_DRILLS)[number];

export interface DrillStart {
  plan: LoadedPlan;
  actor: string;
  /** Component drills: the protected namespace to restore (default: the plan's first). */
  namespace?: string;
}

/** The drill runners the wiring could build; a kind without one is answered 501, never faked. */
export type DrillRunners = Partial<Record<StartableDrill, (start: DrillStart) => PreparedRun>>;
