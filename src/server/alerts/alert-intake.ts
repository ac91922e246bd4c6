import { ConflictError } from '../../core/errors.js';
import { alertDecision, type AlertAction, type AlertDecision } from '../../core/trigger/alert-decision.js';
import type { Logger } from '../logger.js';
import type { LoadedPlan, PlanCatalog } from '../plans/plan-catalog.js';
import type { RunActions } from '../runs/run-actions.js';
import { AlertBook, planLabelOf } from './alert-book.js';
import type { AlertmanagerPayload } from './alertmanager-payload.js';

/** Tells people about a plan's alerts without starting anything (the plan's notification channels). */
export type Pager = (plan: LoadedPlan, decision: AlertDecision) => Promise<void>;

export interface AlertOutcome {
  plan: string;
  action: AlertAction | 'unknown-plan';
  reason: string;
  /** The failover run started (or already started) for these alerts. */
  runId?: string;
  /** True when the decision had already been acted on for the same alerts (no second run, no second page). */
  deduplicated?: boolean;
}

export interface AlertIntakeOptions {
  plans: PlanCatalog;
  runs: RunActions;
  pager: Pager;
  now: () => Date;
  logger: Logger;
  onDecision?: (plan: string, action: string) => void;
}

/**
 * Alertmanager's webhook in: keeps the firing alerts (deduplicated by fingerprint), and for every plan
 * the payload touches applies the plan's trigger (alertDecision) and acts on it: page people when new
 * alerts fire short of the trigger, start a failover waiting for approvers (propose) or one that
 * passes its gate on its own (auto, as `trigger`). One run per firing episode: re-sent alerts never
 * start a second one.
 */
export class AlertIntake {
  private readonly book = new AlertBook();
  private readonly acted = new Map<string, string>();

  constructor(private readonly o: AlertIntakeOptions) {}

  async receive(payload: AlertmanagerPayload): Promise<{ received: number; ignored: number; plans: AlertOutcome[] }> {
    const now = this.o.now();
    const { fresh } = this.book.ingest(payload.alerts, now);
    const touched = [...new Set(payload.alerts.map(planLabelOf).filter((p): p is string => p !== undefined))];
    const ignored = payload.alerts.filter((a) => !planLabelOf(a) || !a.labels.region).length;
    const plans: AlertOutcome[] = [];
    for (const name of touched) {
      const plan = this.o.plans.find(name);
      if (!plan) {
        plans.push({ plan: name, action: 'unknown-plan', reason: `no plan named "${name}" is loaded` });
        continue;
      }
      const freshHere = this.book.firingFor(name).some((a) => fresh.includes(a.fingerprint));
      plans.push(await this.decide(plan, freshHere, now));
    }
    return { received: payload.alerts.length, ignored, plans };
  }

  private async decide(plan: LoadedPlan, freshHere: boolean, now: Date): Promise<AlertOutcome> {
    const name = plan.plan.metadata.name;
    const firing = this.book.firingFor(name);
    if (firing.length === 0) this.acted.delete(name);
    const decision = alertDecision(plan.plan, firing, now);
    this.o.onDecision?.(name, decision.action);
    const base = { plan: name, action: decision.action, reason: decision.reason };
    if (decision.action === 'none') return base;
    if (decision.action === 'page') {
      if (freshHere) await this.o.pager(plan, decision).catch((e: unknown) => this.o.logger.warn({ plan: name, err: String(e) }, 'paging failed'));
      return freshHere ? base : { ...base, deduplicated: true };
    }
    const earlier = this.acted.get(name);
    if (earlier) return { ...base, runId: earlier, deduplicated: true };
    return this.start(plan, decision, base);
  }

  private async start(plan: LoadedPlan, decision: AlertDecision, base: AlertOutcome): Promise<AlertOutcome> {
    try {
      const { runId } = await this.o.runs.startRunbook({ plan, kind: 'failover', actor: 'trigger', approve: decision.action === 'auto' });
      this.acted.set(base.plan, runId);
      return { ...base, runId };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return { ...base, reason: `${base.reason}; not started: ${error.message}` };
    }
  }
}
