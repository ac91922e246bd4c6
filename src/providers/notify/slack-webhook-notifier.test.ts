import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import type { NotificationMessage } from '../../core/ports/notifier.js';
import { FakeSlack } from '../../../test/support/fakes/fake-slack.js';
import { SlackWebhookNotifier } from './slack-webhook-notifier.js';

const message: NotificationMessage = {
  event: 'failover-complete',
  title: 'Failover of shop complete: RTO 4m12s, RPO 38m',
  text: 'Traffic for app.example.com now goes to region-b <ingress>.',
  fields: { Run: 'run-1', RTO: '4m12s', RPO: '38m' },
  severity: 'info',
  key: 'run-1',
};

describe('SlackWebhookNotifier against a local Slack incoming webhook', () => {
  let slack: FakeSlack;

  beforeEach(async () => { slack = await FakeSlack.start(); });
  afterEach(() => slack.close());

  it('posts {text, blocks} as JSON to the webhook URL', async () => {
    const sut = SlackWebhookNotifier.fromConfig({ url: slack.webhookUrl });

    await sut.send(message);

    const [req] = slack.requests;
    expect([req?.method, req?.path]).toEqual(['POST', slack.hookPath]);
    expect(req?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req?.body ?? '') as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text', 'blocks']);
    expect(body.text).toBe('Failover of shop complete: RTO 4m12s, RPO 38m: Traffic for app.example.com now goes to region-b <ingress>.');
    expect(body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: message.title, emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: Traffic for app.example.com now goes to region-b &lt;ingress&gt;.' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Run*\nrun-1' }, { type: 'mrkdwn', text: '*RTO*\n4m12s' }, { type: 'mrkdwn', text: '*RPO*\n38m' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'lifeboat · failover-complete' }] },
    ]);
  });

  it.each([
    [404, 'no_service', false],
    [410, 'channel_is_archived', false],
    [500, 'rollup_error', true],
    [429, 'rate_limited', true],
  ])('HTTP %i %s becomes a ProviderError (retryable: %s) without the webhook URL', async (status, word, retryable) => {
    slack.failNext(status, word);
    const sut = SlackWebhookNotifier.fromConfig({ url: slack.webhookUrl });

    const error = await sut.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'slack', status, retryable });
    expect((error as Error).message).toContain(word);
    expect((error as Error).message).not.toContain('x9SeCrEtW3bhook0');
    expect((error as Error).message).not.toContain(slack.webhookUrl);
  });

  it('reports a webhook that does not answer as retryable, without its URL', async () => {
    await slack.close();
    const sut = SlackWebhookNotifier.fromConfig({ url: slack.webhookUrl });

    const error = await sut.send(message).catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'slack', retryable: true });
    expect((error as Error).message).not.toContain('x9SeCrEtW3bhook0');
  });
});
