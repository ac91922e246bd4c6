import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../plan/parse-plan.js';
import { nodesOf, stepsOf } from '../runbook.js';
import type { BackupRestorer } from '../../ports/backup-restorer.js';
import { restoreAttemptName, restoreName } from './failover-executor.js';
import { failoverRunbook } from './failover-runbook.js';

const load = (file: string) => parsePlan(readFileSync(`examples/${file}`, 'utf8'), file);

describe('failoverRunbook', () => {
  it('follows the seed runbook for active-passive: confirm, declare, fence, restores in parallel, verify, switch, watch, notify', () => {
    const plan = load('lab.yaml');

    const sut = failoverRunbook(plan, ['production', 'monitoring']);

    expect(nodesOf(sut).filter((n) => n.kind !== 'sequence').map((n) => n.id)).toEqual([
      'confirm-outage', 'declare', 'fence', 'bring-up', 'restore-production', 'restore-monitoring',
      'scale-workloads', 'verify-workloads', 'switch-traffic', 'verify-traffic', 'watch', 'notify',
    ]);
    expect(nodesOf(sut).find((n) => n.id === 'bring-up')?.kind).toBe('parallel');
  });

  it('gives each step its phase budget from the plan', () => {
    const plan = load('lab.yaml');

    const steps = stepsOf(failoverRunbook(plan, ['production']));

    expect(steps.find((s) => s.id === 'restore-production')?.budget.toString()).toBe(plan.spec.budgets.restore.toString());
    expect(steps.find((s) => s.id === 'watch')?.budget.toString()).toBe(plan.spec.budgets.watch.toString());
  });

  it('needs as many approvals at the declare gate as the plan asks, none with auto-failover', () => {
    const plan = load('lab.yaml');
    const auto = { ...plan, spec: { ...plan.spec, trigger: { ...plan.spec.trigger, autoFailover: true } } };

    const gate = (p: typeof plan) => nodesOf(failoverRunbook(p, ['production'])).find((n) => n.id === 'declare');

    expect(gate(plan)).toMatchObject({ kind: 'gate', approvals: plan.spec.trigger.approvers });
    expect(gate(auto)).toMatchObject({ kind: 'gate', approvals: 0 });
  });

  it('adds workers and syncs Argo CD together before the restores for pilot light', () => {
    const plan = load('pilot-light.yaml');

    const sut = failoverRunbook(plan, ['payments', 'payments-db']);

    expect(nodesOf(sut).filter((n) => n.kind !== 'sequence').map((n) => n.id).slice(3, 9)).toEqual([
      'prepare-region', 'scale-capacity', 'gitops-sync', 'bring-up', 'restore-payments', 'restore-payments-db',
    ]);
    expect(nodesOf(sut).find((n) => n.id === 'prepare-region')?.kind).toBe('parallel');
  });

  it('skips restores for active-active: the surviving region already serves', () => {
    const plan = load('active-active.yaml');

    const ids = stepsOf(failoverRunbook(plan, ['production'])).map((s) => s.id);

    expect(ids).not.toContain('restore-production');
    expect(ids).toContain('switch-traffic');
  });
});

describe('restoreName', () => {
  it.each([
    ['drill-lab-20261125t024455z-57f4', 'production'],
    ['drill-lab-20261125t024455z-0a1b', 'production'],
  ])('is stable for a run and namespace (%s)', (runId, ns) => {
    expect(restoreName(runId, ns)).toBe(restoreName(runId, ns));
    expect(restoreName(runId, ns)).toMatch(/^lifeboat-[0-9a-f]{8}-production$/);
  });

  it('differs between two runs of the same plan, so a new run never adopts an old Restore', () => {
    expect(restoreName('drill-lab-20261125t024455z-57f4', 'production')).not.toBe(restoreName('drill-lab-20261125t024455z-0a1b', 'production'));
  });

  it('stays within 63 characters for long namespace names', () => {
    expect(restoreName('r', 'n'.repeat(80)).length).toBeLessThanOrEqual(63);
  });
});

describe('restoreAttemptName', () => {
  const states = (phases: Record<string, string>): BackupRestorer => ({
    restoreState: (name: string) => Promise.resolve(phases[name] ? { name, backup: 'b', phase: phases[name] ?? '', errors: 0, warnings: 0, validationErrors: [] } : undefined),
  } as unknown as BackupRestorer);

  it.each([
    ['first attempt, nothing yet', {}, 1, 'r'],
    ['a retry after an API error reuses the running Restore', { r: 'InProgress' }, 2, 'r'],
    ['a retry reuses a Completed one', { r: 'Completed' }, 3, 'r'],
    ['a retry after a PartiallyFailed Restore makes a new one', { r: 'PartiallyFailed' }, 2, 'r-a2'],
    ['a resumed attempt finds its own new Restore', { r: 'Failed', 'r-a2': 'InProgress' }, 2, 'r-a2'],
    ['the next attempt after that one failed too', { r: 'Failed', 'r-a2': 'PartiallyFailed' }, 4, 'r-a4'],
  ])('%s', async (_what, phases, attempt, expected) => {
    expect(await restoreAttemptName(states(phases), 'r', attempt)).toBe(expected);
  });
});
