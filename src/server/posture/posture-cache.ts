import type { DRPlan } from '../../core/plan/schema.js';
import { assessPlans, type PlanPosture } from '../../core/posture/assess-plans.js';
import type { GatherError, PostureSources } from '../../core/posture/gather-posture.js';
import type { LoadedPlan } from '../plans/plan-catalog.js';

/** One plan's latest posture and when it was taken. */
export interface PostureEntry {
  posture: PlanPosture;
  errors: GatherError[];
  evaluatedAt: Date;
}

export interface PostureCacheOptions {
  sourcesFor: (plan: DRPlan) => PostureSources;
  now: () => Date;
  concurrency?: number;
  /** Called after every refresh with every cached posture (the Prometheus gauges). */
  onUpdate?: (all: readonly PlanPosture[], at: Date) => void;
}

/**
 * The posture of each plan as last evaluated, refreshed by the scheduler (and by `?refresh=true`).
 * Concurrent refreshes of one plan share one evaluation.
 */
export class PostureCache {
  private readonly entries = new Map<string, PostureEntry>();
  private readonly running = new Map<string, Promise<PostureEntry>>();

  constructor(private readonly o: PostureCacheOptions) {}

  get(plan: string): PostureEntry | undefined {
    return this.entries.get(plan);
  }

  /** Evaluates the plan now (or joins the evaluation already running) and caches the result. */
  refresh(source: LoadedPlan): Promise<PostureEntry> {
    const name = source.plan.metadata.name;
    const running = this.running.get(name);
    if (running) return running;
    const task = this.evaluate(source).finally(() => this.running.delete(name));
    this.running.set(name, task);
    return task;
  }

  /** Drops plans no longer loaded. */
  retain(names: ReadonlySet<string>): void {
    for (const name of [...this.entries.keys()]) if (!names.has(name)) this.entries.delete(name);
  }

  private async evaluate(source: LoadedPlan): Promise<PostureEntry> {
    const { results, errors } = await assessPlans([{ file: source.file, plan: source.plan }], this.o.sourcesFor, this.o.concurrency ?? 4);
    const posture = results[0] as PlanPosture;
    const entry = { posture, errors, evaluatedAt: this.o.now() };
    this.entries.set(source.plan.metadata.name, entry);
    this.o.onUpdate?.([...this.entries.values()].map((e) => e.posture), entry.evaluatedAt);
    return entry;
  }
}
