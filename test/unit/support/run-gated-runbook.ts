// Child process for the run-control CLI test: drives a runbook with a 2-approver declare gate on the
// SQLite journal of the state directory it is given, until the run ends, then prints the result and
// the compensations it ran as one JSON line. `restore` runs until its signal fires (an abort).
import { Duration } from '../../../src/core/objectives/duration.js';
import type { CompensationContext, StepContext, StepExecutor } from '../../../src/core/ports/step-executor.js';
import type { Json } from '../../../src/core/runbook/json.js';
import type { StepNode } from '../../../src/core/runbook/runbook.js';
import { RunbookRunner } from '../../../src/core/runbook/runner.js';
import { rb } from '../../../src/testing/runbook-builders.js';
import { openJournal } from '../../../src/wiring/journal.js';

const [stateDir, runId] = process.argv.slice(2) as [string, string];
const journal = openJournal({ LIFEBOAT_STATE_DIR: stateDir });
const compensations: string[] = [];

class GatedExecutor implements StepExecutor {
  async execute(step: StepNode, context: StepContext): Promise<Json> {
    if (step.id === 'restore') await journal.clock.sleep(Duration.hours(1), context.signal);
    return `made ${step.id}`;
  }
  compensate(step: StepNode & { compensate: string }, _context: CompensationContext): Promise<void> {
    compensations.push(step.id);
    return Promise.resolve();
  }
}

const runbook = rb.seq('failover', rb.gate('declare', 2), rb.step('fence', { compensate: 'unfence' }), rb.step('restore', { budget: Duration.hours(2) }), rb.step('switch'));
const sut = new RunbookRunner({
  store: journal.store, executor: new GatedExecutor(), clock: journal.clock, hasher: journal.hasher, holder: journal.holder,
  leaseTtl: Duration.seconds(2), pollInterval: Duration.milliseconds(100),
});
const result = await sut.start({ runId, plan: 'shop', planHash: 'h', runbook, actor: 'alice' });
process.stdout.write(`${JSON.stringify({ result, compensations })}\n`);
