import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../core/ports/notifier.js';
import type { RunNotification } from '../core/ports/run-notifier.js';
import { FakePagerDuty } from '../../test/support/fakes/fake-pagerduty.js';
import { FakeSlack } from '../../test/support/fakes/fake-slack.js';
import { FakeWebhookReceiver } from '../../test/support/fakes/fake-webhook-receiver.js';
import { LocalHttpServer } from '../../test/support/fakes/local-http-server.js';
import { LoopbackSmtpServer } from '../../test/support/fakes/loopback-smtp-server.js';
import { planWith } from '../../test/support/valid-plan.js';
import { notificationChannels } from './notification-channels.js';
import { planNotifier } from './notifiers.js';

const ROUTING_KEY = 'PDKEY0123456789abcdefABCDEF01234';
const HMAC_SECRET = 'whsec-planted-0042';
const SMTP = { user: 'dr@example.com', pass: 'planted-smtp-pass' };
const summary: RunNotification = {
  runId: 'run-7',
  outputs: {
    'confirm-outage': { confirmedAt: '2026-11-25T03:00:00.000Z' },
    'restore-production': { namespace: 'production', backupStartedAt: '2026-11-25T02:20:00.000Z' },
    'switch-traffic': { after: ['192.0.2.20'], switchedAt: '2026-11-25T03:03:00.000Z' },
    'verify-traffic': { verifiedAt: '2026-11-25T03:03:30.000Z' },
  },
};

describe('planNotifier with every channel type against local fakes', () => {
  let slack: FakeSlack;
  let pagerduty: FakePagerDuty;
  let webhook: FakeWebhookReceiver;
  let smtp: LoopbackSmtpServer;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    [slack, pagerduty, webhook, smtp] = await Promise.all([FakeSlack.start(), FakePagerDuty.start(), FakeWebhookReceiver.start(HMAC_SECRET), LoopbackSmtpServer.start(SMTP)]);
    env = { SLACK_URL: slack.webhookUrl, PD_KEY: ROUTING_KEY, HOOK: `${webhook.url}|${HMAC_SECRET}`, SMTP_CREDS: `${SMTP.user}:${SMTP.pass}` };
  });
  afterEach(() => Promise.all([slack.close(), pagerduty.close(), webhook.close(), smtp.close()]));

  const planWithChannels = (): ReturnType<typeof planWith> => planWith({
    notifications: [
      { name: 'oncall', type: 'slack', secret: 'env:SLACK_URL' },
      { name: 'pager', type: 'pagerduty', secret: 'env:PD_KEY', server: pagerduty.endpoint },
      { name: 'status', type: 'webhook', secret: 'env:HOOK', events: ['failover-complete'] },
      { name: 'mail', type: 'smtp', secret: 'env:SMTP_CREDS', server: `${smtp.host}:${smtp.listeningPort}`, to: ['ic@example.com'] },
      { name: 'approvers', type: 'slack', secret: 'env:SLACK_URL', events: ['approval-needed'] },
    ],
  });

  it('sends the summary with RTO and RPO to every channel subscribed to the event', async () => {
    const plan = planWithChannels();
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const delivery = await sut.send('failover-complete', summary);

    expect(delivery).toEqual({ delivered: ['oncall', 'pager', 'status', 'mail'], failed: [] });
    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '{}')).toMatchObject({ text: expect.stringContaining('Failover of shop complete: RTO 3m30s, RPO 40m') as unknown });
    expect(JSON.parse(pagerduty.requests[0]?.body ?? '{}')).toMatchObject({ event_action: 'resolve', dedup_key: 'run-7', payload: { source: 'lifeboat/shop' } });
    expect(webhook.requests).toHaveLength(1);
    expect(smtp.mails[0]?.rcptTo).toEqual(['ic@example.com']);
    expect(smtp.mails[0]?.mailFrom).toBe(SMTP.user);
  });

  it.each<[NotificationEvent, string[]]>([
    ['failover-started', ['oncall', 'pager', 'mail']],
    ['approval-needed', ['oncall', 'pager', 'mail', 'approvers']],
    ['failover-failed', ['oncall', 'pager', 'mail']],
    ['failover-complete', ['oncall', 'pager', 'status', 'mail']],
  ])('names the channels subscribed to %s (no events list = every event)', (event, expected) => {
    const plan = planWithChannels();

    const sut = planNotifier(plan, notificationChannels(plan, env));

    expect(sut.subscribers(event)).toEqual(expected);
  });

  it('never throws: names the failed channels with reasons that keep their URLs and keys out, and delivers to the rest', async () => {
    const plan = planWithChannels();
    env.PD_KEY = 'too-short-planted-key';
    env.HOOK = `${webhook.url}|wrong-planted-secret`;
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const delivery = await sut.send('failover-complete', summary);

    expect(delivery.delivered).toEqual(['oncall', 'mail']);
    expect(delivery.failed.map((f) => f.channel)).toEqual(['pager', 'status']);
    expect(delivery.failed[0]?.error).toMatch(/HTTP 400/);
    expect(delivery.failed[1]?.error).toMatch(/HTTP 401/);
    const text = JSON.stringify(delivery);
    for (const planted of ['too-short-planted-key', 'wrong-planted-secret', slack.webhookUrl, webhook.url, 'q5ecret', SMTP.pass]) expect(text).not.toContain(planted);
  });

  it('fails only the channel whose secret is missing', async () => {
    const plan = planWithChannels();
    delete env.SLACK_URL;
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const delivery = await sut.send('failover-complete', summary);

    expect(delivery.failed).toEqual([{ channel: 'oncall', error: 'spec.notifications[0].secret: environment variable SLACK_URL (from env:SLACK_URL) is not set' }]);
    expect(pagerduty.requests).toHaveLength(1);
  });

  it('gives up on a channel that does not answer within the timeout, without waiting for it', async () => {
    const silent = await LocalHttpServer.start(() => new Promise<never>(() => undefined));
    const plan = planWith({ notifications: [{ name: 'oncall', type: 'slack', secret: 'env:SLACK_URL' }, { name: 'pager', type: 'pagerduty', secret: 'env:PD_KEY', server: pagerduty.endpoint }] });
    env.SLACK_URL = `${silent.url}/services/T0/B0/silent-planted-hook`;
    const sut = planNotifier(plan, notificationChannels(plan, env), { timeoutMs: 300 });
    const began = Date.now();

    const delivery = await sut.send('failover-started', summary);
    const took = Date.now() - began;
    await silent.close();

    expect(delivery).toEqual({ delivered: ['pager'], failed: [{ channel: 'oncall', error: 'no answer within 0.3s' }] });
    expect(took).toBeLessThan(3000);
  });
});
