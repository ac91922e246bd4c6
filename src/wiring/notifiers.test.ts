import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../core/errors.js';
import type { Json } from '../core/runbook/json.js';
import { FakePagerDuty } from '../../test/support/fakes/fake-pagerduty.js';
import { FakeSlack } from '../../test/support/fakes/fake-slack.js';
import { FakeWebhookReceiver } from '../../test/support/fakes/fake-webhook-receiver.js';
import { LoopbackSmtpServer } from '../../test/support/fakes/loopback-smtp-server.js';
import { planWith } from '../../test/support/valid-plan.js';
import { notificationChannels } from './notification-channels.js';
import { planNotifier } from './notifiers.js';

const ROUTING_KEY = 'PDKEY0123456789abcdefABCDEF01234';
const HMAC_SECRET = 'whsec-planted-0042';
const SMTP = { user: 'dr@example.com', pass: 'planted-smtp-pass' };
const summary: Json = {
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

    const sent = await sut('failover-complete', summary);

    expect(sent).toEqual(['oncall', 'pager', 'status', 'mail']);
    expect(slack.requests).toHaveLength(1);
    expect(JSON.parse(slack.requests[0]?.body ?? '{}')).toMatchObject({ text: expect.stringContaining('Failover of shop complete: RTO 3m30s, RPO 40m') as unknown });
    expect(JSON.parse(pagerduty.requests[0]?.body ?? '{}')).toMatchObject({ event_action: 'resolve', dedup_key: 'run-7', payload: { source: 'lifeboat/shop' } });
    expect(webhook.requests).toHaveLength(1);
    expect(smtp.mails[0]?.rcptTo).toEqual(['ic@example.com']);
    expect(smtp.mails[0]?.mailFrom).toBe(SMTP.user);
  });

  it('names the failed channels, keeps their URLs and keys out, and resends only to them', async () => {
    const plan = planWithChannels();
    env.PD_KEY = 'too-short-planted-key';
    env.HOOK = `${webhook.url}|wrong-planted-secret`;
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const error = await sut('failover-complete', summary).catch((e: unknown) => e);
    env.PD_KEY = ROUTING_KEY;
    env.HOOK = `${webhook.url}|${HMAC_SECRET}`;
    const retried = await sut('failover-complete', summary);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'notify', retryable: false });
    const message = (error as Error).message;
    expect(message).toMatch(/^failover-complete notification failed on 2 of 4 channel\(s\): pager: .*HTTP 400.*; status: .*HTTP 401/);
    for (const planted of ['too-short-planted-key', 'wrong-planted-secret', slack.webhookUrl, webhook.url, 'q5ecret', SMTP.pass]) expect(message).not.toContain(planted);
    expect(retried).toEqual(['oncall', 'pager', 'status', 'mail']);
    expect(slack.requests).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(pagerduty.requests).toHaveLength(2);
  });

  it('fails only the channel whose secret is missing', async () => {
    const plan = planWithChannels();
    delete env.SLACK_URL;
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const error = await sut('failover-complete', summary).catch((e: unknown) => e);

    expect((error as Error).message).toContain('oncall: spec.notifications[0].secret: environment variable SLACK_URL (from env:SLACK_URL) is not set');
    expect(pagerduty.requests).toHaveLength(1);
  });

  it('refuses an event it does not know', async () => {
    const plan = planWithChannels();
    const sut = planNotifier(plan, notificationChannels(plan, env));

    const error = await sut('lunch-time', summary).catch((e: unknown) => e);

    expect((error as Error).message).toContain('unknown notification event "lunch-time"');
    expect(slack.requests).toHaveLength(0);
  });
});
