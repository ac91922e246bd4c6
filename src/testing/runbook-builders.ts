import { Duration } from '../core/objectives/duration.js';
import type { RetryPolicy } from '../core/runbook/retry-policy.js';
import type { GateNode, ParallelNode, RunbookNode, SequenceNode, StepNode } from '../core/runbook/runbook.js';

/** Short builders for runbooks in tests: `seq('root', step('a'), par('p', step('b'), step('c')))`. */
export const rb = {
  step: (id: string, extra: Partial<Omit<StepNode, 'kind' | 'id'>> = {}): StepNode => ({ kind: 'step', id, title: `Step ${id}`, phase: 'main', budget: Duration.minutes(1), retry: rb.retry(1), ...extra }),
  gate: (id: string, approvals: number, extra: Partial<Omit<GateNode, 'kind' | 'id' | 'approvals'>> = {}): GateNode =>
    ({ kind: 'gate', id, title: `Gate ${id}`, phase: 'declare', approvals, budget: Duration.minutes(5), ...extra }),
  seq: (id: string, ...children: RunbookNode[]): SequenceNode => ({ kind: 'sequence', id, children }),
  par: (id: string, ...children: RunbookNode[]): ParallelNode => ({ kind: 'parallel', id, children }),
  /** `maxAttempts` failures allowed, waits of 10s, 20s, 40s, ... capped at 60s. */
  retry: (maxAttempts: number, initialDelay = Duration.seconds(10), maxDelay = Duration.seconds(60)): RetryPolicy =>
    ({ maxAttempts, initialDelay, maxDelay, factor: 2 }),
};
