// Child process for the crash-resume test: starts or resumes a runbook whose steps sleep, on a SQLite
// journal. Steps look before they act through an effects file, as real steps look for a Restore.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../../../src/core/errors.js';
import { Duration } from '../../../src/core/objectives/duration.js';
import type { StepContext, StepExecutor } from '../../../src/core/ports/step-executor.js';
import type { Json } from '../../../src/core/runbook/json.js';
import type { StepNode } from '../../../src/core/runbook/runbook.js';
import { RunbookRunner } from '../../../src/core/runbook/runner.js';
import { SystemClock } from '../../../src/providers/clock/system-clock.js';
import { NodeCryptoHasher } from '../../../src/providers/store/node-crypto-hasher.js';
import { SqliteJournalStore } from '../../../src/providers/store/sqlite-journal-store.js';
import { rb } from '../../../src/testing/runbook-builders.js';

// blockOn: a step that, in this process, acts and then hangs until killed (the test's SIGKILL target).
const [dbPath, runId, mode, effectsPath, blockOn] = process.argv.slice(2) as [string, string, 'start' | 'resume', string, string?];

class SleepyExecutor implements StepExecutor {
  async execute(step: StepNode, context: StepContext): Promise<Json> {
    const done = existsSync(effectsPath) && readFileSync(effectsPath, 'utf8').split('\n').includes(`done ${step.id}`);
    if (done) return `found ${step.id}`;
    appendFileSync(effectsPath, `act ${step.id} ${context.attempt}\n`);
    await sleep(step.id === blockOn ? 3_600_000 : 300, undefined, { signal: context.signal });
    appendFileSync(effectsPath, `done ${step.id}\n`);
    return `made ${step.id}`;
  }
  compensate(): Promise<void> {
    return Promise.resolve();
  }
}

const runbook = rb.seq('failover', rb.step('s1'), rb.par('restore', rb.step('s2'), rb.step('s3')), rb.step('s4'));
const sut = new RunbookRunner({
  store: SqliteJournalStore.fromConfig({ path: dbPath }), executor: new SleepyExecutor(), clock: new SystemClock(),
  hasher: new NodeCryptoHasher(), holder: `pid-${process.pid}`,
  leaseTtl: Duration.seconds(1), pollInterval: Duration.milliseconds(100),
});

for (let tries = 0; ; tries++) {
  try {
    const result = mode === 'start'
      ? await sut.start({ runId, plan: 'shop', planHash: 'h', runbook, actor: 'test' })
      : await sut.resume({ runId, actor: 'test' });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    break;
  } catch (error) {
    // The killed process's lease runs out within its ttl: wait for it.
    if (!(error instanceof ConflictError) || tries > 50) throw error;
    await sleep(100);
  }
}
