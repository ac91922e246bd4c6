import { ConflictError, ProviderError } from '../core/errors.js';
import { LeadershipLostError } from '../providers/store/postgres-journal-store.js';
import type { Duration } from '../core/objectives/duration.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import type { Logger } from '../server/logger.js';
import type { LoadedPlan, PlanCatalog } from '../server/plans/plan-catalog.js';
import type { PreparedRun } from '../server/runs/starters.js';
import type { Leader } from '../server/scheduler/leader.js';

/** Prepares the resume of one unfinished run of a loaded plan (resumeFailover with the plan's providers). */
export type RunbookResumer = (run: { runId: string; plan: LoadedPlan }) => PreparedRun;

/** What the resumer needs of the shared journal store (PostgresJournalStore). */
export interface ResumableRuns {
  listRuns(): Promise<Array<{ runId: string; plan: string; ended: unknown }>>;
  read(runId: string): Promise<JournalEntry[]>;
  liveLease(plan: string): Promise<{ holder: string } | undefined>;
}

export interface UnfinishedRunResumerOptions {
  leader: Leader;
  store: ResumableRuns;
  plans: PlanCatalog;
  /** Launches a prepared resume in this server (RunActions.resumeRun) and the runs it drives now. */
  runs: { resumeRun(prepared: PreparedRun): Promise<{ runId: string }>; inFlight(): string[] };
  resumer: RunbookResumer;
  logger: Logger;
  /** How often the leader looks for runs nobody drives. */
  every: Duration;
}

const RESUMABLE_RUNBOOKS = new Set(['failover', 'failback']);

/**
 * While this replica leads, finds the failovers and failbacks nobody drives (their runner died with
 * the old leader: the run is unfinished and its plan's lease has expired) and resumes them here from
 * their journal. Looks at once on gaining leadership, then every `every`. A run that cannot be resumed
 * here (its plan file changed, or is not loaded) is logged once and left to `lifeboat run resume`.
 */
export class UnfinishedRunResumer {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private scanning: Promise<string[]> | undefined;
  private readonly givenUp = new Set<string>();

  constructor(private readonly o: UnfinishedRunResumerOptions) {}

  start(): void {
    this.unsubscribe = this.o.leader.onChange((leading) => { if (leading) void this.scan(); });
    this.timer = setInterval(() => void this.scan(), this.o.every.toMilliseconds());
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** One look (never two at once); the ids of the runs it resumed. */
  scan(): Promise<string[]> {
    this.scanning ??= this.resumeOrphans()
      .catch((error: unknown) => {
        this.o.logger.warn({ err: messageOf(error) }, 'looking for runs to resume failed');
        return [];
      })
      .finally(() => { this.scanning = undefined; });
    return this.scanning;
  }

  private async resumeOrphans(): Promise<string[]> {
    if (!this.o.leader.isLeader()) return [];
    const here = new Set(this.o.runs.inFlight());
    const resumed: string[] = [];
    for (const run of await this.o.store.listRuns()) {
      if (run.ended !== undefined || here.has(run.runId) || this.givenUp.has(run.runId)) continue;
      const plan = await this.resumablePlan(run);
      if (!plan || !this.o.leader.isLeader() || (await this.o.store.liveLease(run.plan))) continue;
      await this.o.runs.resumeRun(this.watched(this.o.resumer({ runId: run.runId, plan })));
      this.o.logger.info({ runId: run.runId, plan: run.plan, replica: this.o.leader.id }, 'resuming a run nobody drives');
      resumed.push(run.runId);
    }
    return resumed;
  }

  /** The loaded plan of a failover or failback run; undefined (logged once) for anything else. */
  private async resumablePlan(run: { runId: string; plan: string }): Promise<LoadedPlan | undefined> {
    const started = (await this.o.store.read(run.runId))[0];
    const runbook = started?.kind === 'run-started' ? (started.runbook as { id?: string }).id : undefined;
    const plan = this.o.plans.find(run.plan);
    if (plan && runbook && RESUMABLE_RUNBOOKS.has(runbook)) return plan;
    this.giveUp(run.runId, plan ? `its runbook (${runbook ?? 'unknown'}) is not a failover or failback` : `plan ${run.plan} is not loaded here`);
    return undefined;
  }

  /** The drive, noting a run that can never resume here (not a lease race, a database hiccup or a lapsed term). */
  private watched(prepared: PreparedRun): PreparedRun {
    return {
      runId: prepared.runId,
      drive: (signal) => prepared.drive(signal).catch((error: unknown) => {
        if (!isPassing(error)) this.giveUp(prepared.runId, messageOf(error));
        throw error;
      }),
    };
  }

  private giveUp(runId: string, why: string): void {
    if (this.givenUp.has(runId)) return;
    this.givenUp.add(runId);
    this.o.logger.warn({ runId, why }, 'not resuming this run here: resume it with lifeboat run resume');
  }
}

/** Errors after which the run may well resume on the next look. */
function isPassing(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof ProviderError || error instanceof LeadershipLostError;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
