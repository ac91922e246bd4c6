import { NotFoundError } from '../../core/errors.js';
import type { DRPlan } from '../../core/plan/schema.js';

/** A plan as the server serves it: the file it came from and the file's text (its hash goes into runs). */
export interface LoadedPlan {
  file: string;
  text: string;
  plan: DRPlan;
}

/**
 * The plans the server knows, by name. A reload replaces the whole set at once, so a request never
 * sees half of an old set and half of a new one.
 */
export class PlanCatalog {
  private plans = new Map<string, LoadedPlan>();
  private loaded = { at: new Date(0), generation: 0 };

  constructor(plans: readonly LoadedPlan[] = [], now = new Date()) {
    this.replace(plans, now);
  }

  replace(plans: readonly LoadedPlan[], now = new Date()): void {
    this.plans = new Map(plans.map((p) => [p.plan.metadata.name, p]));
    this.loaded = { at: now, generation: this.loaded.generation + 1 };
  }

  list(): LoadedPlan[] {
    return [...this.plans.values()];
  }

  names(): string[] {
    return [...this.plans.keys()];
  }

  /** The plan named so; NotFoundError naming the plans there are. */
  get(name: string): LoadedPlan {
    const found = this.plans.get(name);
    if (!found) throw new NotFoundError(`no plan named "${name}" is loaded (plans: ${this.names().join(', ') || 'none'})`);
    return found;
  }

  find(name: string): LoadedPlan | undefined {
    return this.plans.get(name);
  }

  /** When the set was last replaced and how many times. */
  get loadedAt(): { at: Date; generation: number } {
    return this.loaded;
  }
}
