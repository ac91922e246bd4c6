import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Duration } from '../core/objectives/duration.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { RunNotifier } from '../core/ports/run-notifier.js';
import type { CompensationContext, StepContext, StepExecutor } from '../core/ports/step-executor.js';
import { notifyStep } from '../core/runbook/failover/notify-step.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import type { Json } from '../core/runbook/json.js';
import { RunControl } from '../core/runbook/run-control.js';
import type { StepNode } from '../core/runbook/runbook.js';
import { RunbookRunner } from '../core/runbook/runner.js';
import { SystemClock } from '../providers/clock/system-clock.js';
import { NodeCryptoHasher } from '../providers/store/node-crypto-hasher.js';
import { InMemoryJournalStore } from '../testing/in-memory-journal-store.js';
import { rb } from '../testing/runbook-builders.js';
import { ScriptedStepExecutor, type ScriptedOutcome } from '../testing/scripted-step-executor.js';
import { FakePagerDuty } from '../../test/support/fakes/fake-pagerduty.js';
import { FakeSlack } from '../../test/support/fakes/fake-slack.js';
import { LocalHttpServer } from '../../test/support/fakes/local-http-server.js';
import { planWith } from '../../test/support/valid-plan.js';
import { notificationChannels } from './notification-channels.js';
import { planNotifier } from './notifiers.js';

const ROUTING_KEY = 'PDKEY0123456789abcdefABCDEF01234';
const clock = new SystemClock();
const hasher = new NodeCryptoHasher();

/** The runbook's notify step through the real notifyStep; every other step follows a script. */
class NotifyingExecutor implements StepExecutor {
  private readonly scripted: ScriptedStepExecutor;
  constructor(private readonly plan: DRPlan, private readonly notifier: RunNotifier, script: Record<string, ScriptedOutcome[]>) {
    this.scripted = new ScriptedStepExecutor(clock, script);
  }
  execute(step: StepNode, ctx: StepContext): Promise<Json> {
    if (step.id !== 'notify') return this.scripted.execute(step, ctx);
    return notifyStep({ plan: this.plan, notifier: this.notifier, clock }, { event: 'failover-complete' }, ctx);
  }
  compensate(step: StepNode & { compensate: string }, ctx: CompensationContext): Promise<void> {
    return this.scripted.compensate(step, ctx);
  }
}

describe('a run\'s notifications through the plan\'s channels (loopback PagerDuty and Slack)', () => {
  let pagerduty: FakePagerDuty;
  let oncall: FakeSlack;
  let approvers: FakeSlack;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    [pagerduty, oncall, approvers] = await Promise.all([FakePagerDuty.start(), FakeSlack.start(), FakeSlack.start()]);
    env = { PD_KEY: ROUTING_KEY, ONCALL_URL: oncall.webhookUrl, APPROVERS_URL: approvers.webhookUrl };
  });
  afterEach(() => Promise.all([pagerduty.close(), oncall.close(), approvers.close()]));

  function drive(script: Record<string, ScriptedOutcome[]>, timeoutMs = 5000) {
    const plan = planWith({
      notifications: [
        { name: 'pager', type: 'pagerduty', secret: 'env:PD_KEY', server: pagerduty.endpoint },
        { name: 'oncall', type: 'slack', secret: 'env:ONCALL_URL', events: ['failover-started', 'failover-failed', 'failover-complete'] },
        { name: 'approvers', type: 'slack', secret: 'env:APPROVERS_URL', events: ['approval-needed'] },
      ],
    });
    const notifier = planNotifier(plan, notificationChannels(plan, env), { timeoutMs });
    const store = new InMemoryJournalStore({ hasher, clock });
    const sut = new RunbookRunner({ store, executor: new NotifyingExecutor(plan, notifier, script), clock, hasher, holder: 'runner', pollInterval: Duration.milliseconds(20), notifier });
    const control = new RunControl({ store, hasher, clock, holder: 'cli' });
    const runbook = rb.seq('failover', rb.gate('declare', 1), rb.step('work'), rb.step('notify'));
    const running = sut.start({ runId: 'run-1', plan: 'shop', planHash: 'h', runbook, actor: 'alice' });
    const approveWhenAsked = waitFor(store, (es) => es.some((e) => e.kind === 'notification-ended' && e.event === 'approval-needed'))
      .then(() => control.approve({ runId: 'run-1', approver: 'ic' }));
    return { running, approveWhenAsked, store };
  }

  const pdEvents = (): Array<[unknown, unknown, unknown]> => pagerduty.requests.map((r) => {
    const body = JSON.parse(r.body) as { event_action: string; dedup_key: string; payload: { custom_details: { event: string } } };
    return [body.event_action, body.dedup_key, body.payload.custom_details.event];
  });

  it('PagerDuty triggers on started and approval-needed and resolves on complete; each Slack channel gets only its events', async () => {
    const { running, approveWhenAsked, store } = drive({});

    const [result] = await Promise.all([running, approveWhenAsked]);
    const entries = await store.read('run-1');

    expect(result.outcome).toBe('succeeded');
    expect(pdEvents()).toEqual([['trigger', 'run-1', 'failover-started'], ['trigger', 'run-1', 'approval-needed'], ['resolve', 'run-1', 'failover-complete']]);
    expect(oncall.requests.map((r) => (JSON.parse(r.body) as { text: string }).text)).toEqual([
      expect.stringContaining('Failover of shop started'), expect.stringContaining('Failover of shop complete'),
    ]);
    expect(approvers.requests).toHaveLength(1);
    expect(approvers.requests[0]?.body).toContain('lifeboat run approve run-1 --gate declare');
    expect(entries.find((e) => e.kind === 'step-succeeded' && e.step === 'notify')).toMatchObject({ output: { sent: ['pager', 'oncall'], failed: [] } });
  }, 20_000);

  it('PagerDuty triggers on failover-failed, naming the failed step; nothing resolves it', async () => {
    const { running, approveWhenAsked } = drive({ work: [{ fail: 'no capacity in region-b', retryable: false }] });

    const [result] = await Promise.all([running, approveWhenAsked]);

    expect(result.outcome).toBe('failed');
    expect(pdEvents().map(([action, , event]) => `${String(action)} ${String(event)}`)).toEqual(['trigger failover-started', 'trigger approval-needed', 'trigger failover-failed']);
    const failed = JSON.parse(pagerduty.requests[2]?.body ?? '{}') as { payload: { summary: string; custom_details: Record<string, string> } };
    expect(failed.payload.summary).toBe('Failover of shop failed at work');
    expect(failed.payload.custom_details['Next action']).toMatch(/no capacity in region-b/);
  }, 20_000);

  it('a channel that does not answer never blocks or fails the run: its failure is journaled', async () => {
    const silent = await LocalHttpServer.start(() => new Promise<never>(() => undefined));
    env.ONCALL_URL = `${silent.url}/services/T0/B0/silent`;
    const { running, approveWhenAsked, store } = drive({}, 200);

    const [result] = await Promise.all([running, approveWhenAsked]);
    const entries = await store.read('run-1');
    await silent.close();

    expect(result.outcome).toBe('succeeded');
    expect(entries.find((e) => e.kind === 'notification-ended' && e.event === 'failover-started')).toMatchObject({ delivered: ['pager'], failed: [{ channel: 'oncall', error: 'no answer within 0.2s' }] });
    expect(entries.find((e) => e.kind === 'step-succeeded' && e.step === 'notify')).toMatchObject({ output: { sent: ['pager'], failed: [{ channel: 'oncall' }] } });
  }, 20_000);
});

async function waitFor(store: InMemoryJournalStore, ready: (entries: JournalEntry[]) => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (ready(await store.read('run-1').catch(() => []))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the journal never reached the expected state');
}
