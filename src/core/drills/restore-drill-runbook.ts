import { Duration } from '../objectives/duration.js';
import type { DRPlan } from '../plan/schema.js';
import { failoverRegions } from '../runbook/failover/failover-runbook.js';
import { noRetry, type RetryPolicy } from '../runbook/retry-policy.js';
import { defineRunbook, type SequenceNode, type StepNode } from '../runbook/runbook.js';

/** Steps that talk to one cluster retry through a restarting apiserver. */
const transient: RetryPolicy = { maxAttempts: 3, initialDelay: Duration.seconds(2), maxDelay: Duration.seconds(10), factor: 2 };

/** Scratch namespaces a component drill restores into start with this, so leftovers can be found after a crash. */
export const SCRATCH_PREFIX = 'lbdrill-';

/** The component drill's step inputs. */
export type RestoreDrillAction =
  | { action: 'clean-stale'; region: string; keep: string }
  | { action: 'find-backup'; region: string; namespace: string }
  | { action: 'restore-scratch'; region: string; namespace: string; scratch: string }
  | { action: 'verify-scratch'; region: string; scratch: string }
  | { action: 'smoke-checks'; region: string; namespace: string; scratch: string }
  | { action: 'cleanup'; region: string; scratch: string };

/**
 * The scratch namespace for a drill run: `lbdrill-<namespace>-<suffix>`, a valid DNS label (<= 63).
 *
 * @example scratchNamespace('production', 'restore-lab-20261125t0500z-ab12') // "lbdrill-production-ab12"
 */
export function scratchNamespace(namespace: string, runId: string): string {
  const suffix = runId.slice(-4).toLowerCase().replace(/[^a-z0-9]/g, '0');
  return `${SCRATCH_PREFIX}${namespace.slice(0, 63 - SCRATCH_PREFIX.length - suffix.length - 1)}-${suffix}`;
}

/**
 * The component restore test of one namespace, as a runbook: clear leftovers of crashed drills, find the
 * newest restorable backup in the standby's catalog, restore it into a scratch namespace (Velero
 * namespace mapping), wait for its workloads, run the plan's smoke checks, delete the scratch namespace.
 * A failure after the restore deletes the scratch namespace through the restore step's compensation.
 */
export function restoreDrillRunbook(plan: DRPlan, namespace: string, runId: string): SequenceNode {
  const region = failoverRegions(plan).to.name;
  const scratch = scratchNamespace(namespace, runId);
  const b = plan.spec.budgets;
  const step = (s: { id: string; title: string; phase: string; budget: Duration }, input: RestoreDrillAction, extra: Partial<StepNode> = {}): StepNode =>
    ({ kind: 'step', ...s, retry: transient, input, ...extra });
  return defineRunbook({
    kind: 'sequence',
    id: 'component-drill',
    children: [
      step({ id: 'clean-stale', title: 'Delete scratch namespaces left by earlier drills', phase: 'prepare', budget: b.verify }, { action: 'clean-stale', region, keep: scratch }),
      step({ id: 'find-backup', title: `Find the newest restorable backup of ${namespace}`, phase: 'prepare', budget: b.confirm }, { action: 'find-backup', region, namespace }),
      step({ id: 'restore-scratch', title: `Restore ${namespace} into ${scratch} in ${region}`, phase: 'restore', budget: b.restore }, { action: 'restore-scratch', region, namespace, scratch }, { compensate: 'delete-scratch' }),
      step({ id: 'verify-scratch', title: `Wait for ${scratch}'s workloads`, phase: 'verify', budget: b.verify }, { action: 'verify-scratch', region, scratch }),
      step({ id: 'smoke-checks', title: `Run the smoke checks against ${scratch}`, phase: 'verify', budget: b.verify }, { action: 'smoke-checks', region, namespace, scratch }, { retry: noRetry }),
      step({ id: 'cleanup', title: `Delete ${scratch}`, phase: 'cleanup', budget: b.verify }, { action: 'cleanup', region, scratch }),
    ],
  });
}
