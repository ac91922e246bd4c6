import { InputError, type InputIssue } from '../errors.js';
import type { Duration } from '../objectives/duration.js';
import type { Json } from './json.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * Runbooks are data (after Temporal's dsl-interpreter sample): a tree of steps, sequences, parallel
 * blocks and approval gates. The engine walks this tree against the journal; nothing here acts.
 */
export type RunbookNode = StepNode | SequenceNode | ParallelNode | GateNode;

/** One side effect, done by a StepExecutor. Must be idempotent: it looks before it acts. */
export interface StepNode {
  kind: 'step';
  id: string;
  title: string;
  /** Phase name used to add up elapsed time vs budget (e.g. `fence`, `restore`, `traffic`). */
  phase: string;
  /** Time allowed for one attempt; the attempt is cancelled (AbortSignal) and counted failed past it. */
  budget: Duration;
  retry: RetryPolicy;
  /** Id of the compensation action that undoes this step when a later step fails (saga). */
  compensate?: string;
  input?: Json;
}

/** Children one after another; each starts only when the one before it succeeded. */
export interface SequenceNode {
  kind: 'sequence';
  id: string;
  children: RunbookNode[];
}

/** Children all eligible at once; the block is done when every child is. */
export interface ParallelNode {
  kind: 'parallel';
  id: string;
  children: RunbookNode[];
}

/** Blocks until `approvals` distinct approvers approved it (0 = passes at once, e.g. auto-failover). */
export interface GateNode {
  kind: 'gate';
  id: string;
  title: string;
  phase: string;
  approvals: number;
  /** Expected wait, for the measured RTO; a late approval is reported, never fails the run. */
  budget: Duration;
}

/** Every node of the tree, depth first, parents before children. */
export function nodesOf(root: RunbookNode): RunbookNode[] {
  if (root.kind === 'sequence' || root.kind === 'parallel') return [root, ...root.children.flatMap(nodesOf)];
  return [root];
}

/** Every step of the tree in document order. */
export function stepsOf(root: RunbookNode): StepNode[] {
  return nodesOf(root).filter((n): n is StepNode => n.kind === 'step');
}

/**
 * Checks a runbook (unique ids, sane retry policies and approval counts) and returns it unchanged.
 * Throws InputError naming every problem found.
 *
 * @example defineRunbook({ kind: 'sequence', id: 'failover', children: [declareGate, fenceStep] })
 */
export function defineRunbook<T extends RunbookNode>(root: T): T {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const node of nodesOf(root)) {
    if (node.id.trim() === '') issues.push({ path: node.kind, message: 'id must not be empty' });
    if (seen.has(node.id)) issues.push({ path: node.id, message: `duplicate id "${node.id}"` });
    seen.add(node.id);
    issues.push(...nodeIssues(node));
  }
  if (issues.length > 0) throw new InputError(issues);
  return root;
}

function nodeIssues(node: RunbookNode): InputIssue[] {
  switch (node.kind) {
    case 'step':
      return retryIssues(node.id, node.retry);
    case 'gate':
      return Number.isInteger(node.approvals) && node.approvals >= 0
        ? []
        : [{ path: `${node.id}.approvals`, message: 'expected a whole number >= 0' }];
    default:
      return node.children.length > 0 ? [] : [{ path: `${node.id}.children`, message: 'expected at least one child' }];
  }
}

function retryIssues(id: string, retry: RetryPolicy): InputIssue[] {
  const issues: InputIssue[] = [];
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    issues.push({ path: `${id}.retry.maxAttempts`, message: 'expected a whole number >= 1' });
  }
  if (!(retry.factor >= 1)) issues.push({ path: `${id}.retry.factor`, message: 'expected a number >= 1' });
  return issues;
}
