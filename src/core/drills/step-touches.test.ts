import { describe, expect, it } from 'vitest';
import { failoverRunbook } from '../runbook/failover/failover-runbook.js';
import { emptyCatalog } from '../../testing/fake-backup-catalog.js';
import { aBackup, aPlan, aPrimaryInventory, aStandbyInventory, minutesAgo, NOW } from '../../testing/posture-fixtures.js';
import type { RegionView } from './observe-regions.js';
import { stepTouches } from './step-touches.js';
import { tabletopSteps } from './tabletop-steps.js';

const plan = aPlan();
const steps = tabletopSteps(plan, failoverRunbook(plan, ['production']));
const step = (id: string) => steps.find((s) => s.id === id) ?? steps[0]!;
const primary: RegionView = { region: 'region-a', context: 'a', reachable: true, latencyMs: 12, inventory: aPrimaryInventory(), catalog: emptyCatalog() };
const standbyCatalog = { ...emptyCatalog(), backups: [aBackup('every-5m-old', { startTimestamp: minutesAgo(65) }), aBackup('every-5m-new', { startTimestamp: minutesAgo(7) }), aBackup('every-5m-failed', { phase: 'Failed', startTimestamp: minutesAgo(2) })] };
const standby: RegionView = { region: 'region-b', context: 'b', reachable: true, latencyMs: 30, inventory: aStandbyInventory(), catalog: standbyCatalog };

describe('stepTouches', () => {
  it('shows the workloads a fence would stop in the primary', () => {
    expect(stepTouches(plan, step('fence'), [primary, standby], NOW)).toEqual(['region-a: namespace production: 2 Deployment, 1 PVC']);
  });

  it('shows the newest restorable backup a restore would use, skipping failed ones', () => {
    const sut = stepTouches(plan, step('restore-production'), [primary, standby], NOW);

    expect(sut[0]).toBe(`region-b: newest backup of production: every-5m-new from schedule every-5m (Completed, taken ${minutesAgo(7).toISOString()}, 7m ago)`);
  });

  it('says when the standby has no backup to restore', () => {
    const empty: RegionView = { ...standby, catalog: emptyCatalog() };

    expect(stepTouches(plan, step('restore-production'), [primary, empty], NOW)[0]).toBe('region-b: no restorable backup of production in Velero\'s catalog');
  });

  it('says a region is unreachable for the step and nothing more', () => {
    const down: RegionView = { region: 'region-a', context: 'a', reachable: false, reason: 'connect ECONNREFUSED 127.0.0.1:1' };

    expect(stepTouches(plan, step('fence'), [down, standby], NOW)).toEqual(['region-a (a): unreachable, cannot show what this step touches: connect ECONNREFUSED 127.0.0.1:1']);
  });

  it.each([
    ['confirm-outage', ['region-a (a): API answers (12ms)']],
    ['declare', []],
    ['switch-traffic', []],
    ['notify', []],
  ])('%s touches %j', (id, lines) => {
    expect(stepTouches(plan, step(id), [primary, standby], NOW)).toEqual(lines);
  });
});
