import type { JournalState, StepRecord } from './journal-state.js';
import { backoffDelay, hasAttemptsLeft } from './retry-policy.js';
import type { GateNode, RunbookNode, StepNode } from './runbook.js';

/** A step the engine wants started, with the attempt number it will carry. */
export interface StepStart {
  step: StepNode;
  attempt: number;
  /** Failed attempts so far (crashed attempts are not failures). */
  failures: number;
}

/** How far a subtree has got: done, or what it waits for. */
export interface Progress {
  done: boolean;
  ready: StepStart[];
  gates: GateNode[];
  retries: Array<{ step: StepNode; until: Date }>;
}

const done: Progress = { done: true, ready: [], gates: [], retries: [] };
const blocked = (part: Partial<Progress>): Progress => ({ done: false, ready: [], gates: [], retries: [], ...part });

/**
 * Walks the runbook tree against the folded journal. Sequence: the first child not done decides.
 * Parallel: every child at once. An open attempt (started, no end: a crash or a step still running)
 * is offered again as a new attempt; the runner skips the ones it is running itself.
 */
export function progressOf(node: RunbookNode, state: JournalState, now: Date): Progress {
  switch (node.kind) {
    case 'step':
      return stepProgress(node, state.steps.get(node.id), now);
    case 'gate': {
      const approvers = state.gates.get(node.id)?.approvers.size ?? 0;
      return approvers >= node.approvals ? done : blocked({ gates: [node] });
    }
    case 'sequence': {
      for (const child of node.children) {
        const p = progressOf(child, state, now);
        if (!p.done) return p;
      }
      return done;
    }
    case 'parallel':
      return node.children.map((c) => progressOf(c, state, now)).reduce(merge, done);
  }
}

function merge(a: Progress, b: Progress): Progress {
  return {
    done: a.done && b.done,
    ready: [...a.ready, ...b.ready],
    gates: [...a.gates, ...b.gates],
    retries: [...a.retries, ...b.retries],
  };
}

function stepProgress(step: StepNode, record: StepRecord | undefined, now: Date): Progress {
  if (!record) return blocked({ ready: [{ step, attempt: 1, failures: 0 }] });
  if (record.end === undefined) return blocked({ ready: [{ step, attempt: record.attempts + 1, failures: record.failures }] });
  if (record.end === 'succeeded') return done;
  if (isExhausted(step, record)) return blocked({});
  const until = new Date(Date.parse(record.endAt ?? '') + backoffDelay(step.retry, record.failures).toMilliseconds());
  return until.getTime() <= now.getTime()
    ? blocked({ ready: [{ step, attempt: record.attempts + 1, failures: record.failures }] })
    : blocked({ retries: [{ step, until }] });
}

/** True when the step's last attempt failed and no retry is left (or the failure is permanent). */
export function isExhausted(step: StepNode, record: StepRecord | undefined): boolean {
  if (!record || record.end !== 'failed') return false;
  return !record.retryable || !hasAttemptsLeft(step.retry, record.failures);
}
