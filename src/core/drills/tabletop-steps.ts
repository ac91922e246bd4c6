import type { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import type { GateNode, RunbookNode, StepNode } from '../runbook/runbook.js';
import { stepCommands } from './step-commands.js';

/** One item of a tabletop walk-through: a step or gate of the failover runbook, in order. */
export interface TabletopStep {
  id: string;
  title: string;
  kind: 'step' | 'gate';
  phase: string;
  budget: Duration;
  /** The other steps of its parallel block, when it runs alongside them. */
  parallelWith: string[];
  /** What the step would do, as commands (`#` lines describe what no command does). */
  commands: string[];
  node: StepNode | GateNode;
}

/**
 * The failover runbook as the items a tabletop discusses, depth first in runbook order: every step
 * and gate with its budget and the commands it stands for.
 *
 * @example tabletopSteps(plan, failoverRunbook(plan, ['production'])).map((s) => s.id) // ['confirm-outage', 'declare', 'fence', ...]
 */
export function tabletopSteps(plan: DRPlan, runbook: RunbookNode): TabletopStep[] {
  return walk(runbook, []).map(({ node, siblings }) => ({
    id: node.id,
    title: node.title,
    kind: node.kind,
    phase: node.phase,
    budget: node.budget,
    parallelWith: siblings.filter((id) => id !== node.id),
    commands: stepCommands(plan, node),
    node,
  }));
}

interface Leaf { node: StepNode | GateNode; siblings: string[] }

function walk(node: RunbookNode, siblings: string[]): Leaf[] {
  if (node.kind === 'step' || node.kind === 'gate') return [{ node, siblings }];
  const ids = node.kind === 'parallel' ? node.children.map((c) => c.id) : [];
  return node.children.flatMap((child) => walk(child, ids));
}
