import { Cron } from 'croner';
import { drillSchedule } from '../../core/drills/drill-schedule.js';
import type { Duration } from '../../core/objectives/duration.js';
import type { DrillHistory, DrillKind } from '../../core/ports/drill-history.js';
import type { Logger } from '../logger.js';
import type { LoadedPlan, PlanCatalog } from '../plans/plan-catalog.js';
import type { PostureCache } from '../posture/posture-cache.js';
import type { RunActions } from '../runs/run-actions.js';
import type { DrillRunners } from '../runs/starters.js';
import type { Leader } from './leader.js';

/** Failover drills cut a production region off: never on a timer, only when someone starts one. */
const FAILOVER_BY_HAND = 'a failover drill injects a real outage of the primary: start it deliberately (POST /v1/plans/{plan}/drills/failover or lifeboat drill failover)';

/** A drill the calendar says is due, and what the scheduler did about it. */
export interface DueDrill {
  plan: string;
  kind: DrillKind;
  state: 'never' | 'overdue';
  since: string;
  /** `started` (with its run), `recorded` (no runner for the kind, or starting drills is off) or `failed`. */
  handling: 'started' | 'recorded' | 'failed';
  runId?: string;
  detail?: string;
}

export interface SchedulerOptions {
  plans: PlanCatalog;
  posture: PostureCache;
  drills: DrillHistory;
  runners: DrillRunners;
  runs: RunActions;
  leader: Leader;
  postureInterval: Duration;
  startDrills: boolean;
  now: () => Date;
  logger: Logger;
  /** How long after starting a drill the same plan and kind are left alone (a failed drill is not retried at once). Default 6h. */
  retryAfterMs?: number;
  onPosture?: (plan: string, result: 'ok' | 'error') => void;
  onDue?: (due: readonly DueDrill[]) => void;
}

/**
 * The server's own clock-driven work, only while this replica leads: every plan's posture every
 * `postureInterval` (what GET /v1/plans serves), and every minute the drill calendar
 * (drillSchedule): a due component drill is started when a runner exists; failover drills (a real
 * outage) and tabletops (people) are only recorded as due.
 */
export class Scheduler {
  private jobs: Cron[] = [];
  private due = new Map<string, DueDrill>();
  private readonly attempts = new Map<string, number>();

  constructor(private readonly o: SchedulerOptions) {}

  start(): void {
    const protect = true;
    this.jobs = [
      new Cron('* * * * * *', { interval: Math.round(this.o.postureInterval.toSeconds()), protect, catch: (e) => this.fail('posture', e) }, () => this.refreshPosture()),
      new Cron('0 * * * * *', { protect, catch: (e) => this.fail('drills', e) }, () => this.checkDrills()),
    ];
    void this.refreshPosture().then(() => this.checkDrills()).catch((e: unknown) => this.fail('start', e));
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }

  /** The drills due at the last check. */
  dueDrills(plan?: string): DueDrill[] {
    return [...this.due.values()].filter((d) => plan === undefined || d.plan === plan);
  }

  /** Re-evaluates every plan's posture (one at a time per plan, concurrently across plans). */
  async refreshPosture(): Promise<void> {
    if (!this.o.leader.isLeader()) return;
    const plans = this.o.plans.list();
    this.o.posture.retain(new Set(plans.map((p) => p.plan.metadata.name)));
    await Promise.all(plans.map(async (p) => {
      const name = p.plan.metadata.name;
      await this.o.posture.refresh(p).then(() => this.o.onPosture?.(name, 'ok'), (e: unknown) => {
        this.o.onPosture?.(name, 'error');
        this.o.logger.warn({ plan: name, err: String(e) }, 'posture evaluation failed');
      });
    }));
  }

  /** Looks at every plan's drill calendar and starts (or records) what is due. */
  async checkDrills(): Promise<void> {
    if (!this.o.leader.isLeader()) return;
    const now = this.o.now();
    const due = new Map<string, DueDrill>();
    for (const p of this.o.plans.list()) {
      const rows = drillSchedule(p.plan, await this.o.drills.drills(p.plan.metadata.name), now);
      for (const row of rows.filter((r) => r.state !== 'ok')) {
        const key = `${p.plan.metadata.name}/${row.kind}`;
        const previous = this.due.get(key);
        const since = previous?.since ?? (row.nextDue ?? now).toISOString();
        due.set(key, await this.handle(p, row.kind, { plan: p.plan.metadata.name, kind: row.kind, state: row.state as DueDrill['state'], since, handling: 'recorded' }, previous));
      }
    }
    this.due = due;
    this.o.onDue?.([...due.values()]);
  }

  private async handle(p: LoadedPlan, kind: DrillKind, row: DueDrill, previous: DueDrill | undefined): Promise<DueDrill> {
    if (kind !== 'component') return { ...row, detail: kind === 'failover' ? FAILOVER_BY_HAND : 'a tabletop drill needs people: `lifeboat drill tabletop`' };
    if (!this.o.runners.component || !this.o.startDrills) {
      return { ...row, detail: this.o.runners.component ? 'starting drills is off (spec.scheduler.startDrills)' : 'no component drill runner in this server' };
    }
    if (this.triedRecently(`${row.plan}/${kind}`)) return previous ?? row;
    try {
      const { runId } = await this.o.runs.startDrill(kind, { plan: p, actor: 'scheduler' });
      return { ...row, handling: 'started', runId };
    } catch (error) {
      return { ...row, handling: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** True when the plan and kind were started within `retryAfterMs`; otherwise notes this attempt. */
  private triedRecently(key: string): boolean {
    const now = this.o.now().getTime();
    const last = this.attempts.get(key);
    if (last !== undefined && now - last < (this.o.retryAfterMs ?? 6 * 3_600_000)) return true;
    this.attempts.set(key, now);
    return false;
  }

  private fail(what: string, error: unknown): void {
    this.o.logger.error({ job: what, err: error instanceof Error ? error.message : String(error) }, 'scheduled job failed');
  }
}
