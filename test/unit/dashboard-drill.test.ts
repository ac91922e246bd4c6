import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duration } from '../../src/core/objectives/duration.js';
import { RunbookRunner } from '../../src/core/runbook/runner.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import type { DrillRunners } from '../../src/server/runs/starters.js';
import { rb } from '../../src/testing/runbook-builders.js';
import { ScriptedStepExecutor } from '../../src/testing/scripted-step-executor.js';
import type { JournalWiring } from '../../src/wiring/journal.js';
import { startDashboard, type Dashboard } from './dashboard-harness.js';

/** Journals nothing for 1.5 s after it is accepted, as a failover drill waits for its injected outage to be detected. */
function lateFailoverDrill(journal: () => JournalWiring): DrillRunners {
  return {
    failover: (start) => {
      const runId = `drill-${start.plan.plan.metadata.name}-${Date.now().toString(36)}`;
      return {
        runId,
        startsLater: true,
        drive: async (signal) => {
          await new Promise((r) => setTimeout(r, 1500));
          const { store, hasher, holder } = journal();
          const clock = SystemClock.fromConfig();
          const runner = new RunbookRunner({ store, executor: new ScriptedStepExecutor(clock), clock, hasher, holder, pollInterval: Duration.milliseconds(40) });
          return runner.start({ runId, plan: start.plan.plan.metadata.name, planHash: 'drill', runbook: rb.seq('failover', rb.step('inject-outage'), rb.step('confirm-outage')), actor: start.actor, signal });
        },
      };
    },
  };
}

describe('dashboard: a drill the server accepts before it is journaled', () => {
  let sut: Dashboard;

  beforeAll(async () => {
    const late: { journal?: JournalWiring } = {};
    sut = await startDashboard({ parts: { drillRunners: lateFailoverDrill(() => late.journal as JournalWiring) } });
    late.journal = sut.api.server.journal;
  }, 120_000);
  afterAll(async () => { await sut?.close(); });

  it('says the run is accepted but not started, then follows it from its first step to its end', async () => {
    const page = await sut.signedIn('operator');
    await page.goto(`${sut.url}/#/plans/storefront`);

    await page.getByTestId('start-drill-failover').click();
    await page.getByTestId('start-drill-failover-confirm').click();
    const pending = page.locator('[data-testid=run-page][data-state=pending]');
    await pending.waitFor();
    const words = await pending.textContent();
    await page.locator('[data-testid=run-page][data-state=run-succeeded]').waitFor({ timeout: 20_000 });

    expect(words).toContain('Accepted, not started yet');
    await expect(page.locator('[data-testid=steps] tr').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid=journal] li[data-kind=run-started]').count()).resolves.toBe(1);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);
});
