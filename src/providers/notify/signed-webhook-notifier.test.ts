import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import type { NotificationMessage } from '../../core/ports/notifier.js';
import { FakeWebhookReceiver } from '../../../test/support/fakes/fake-webhook-receiver.js';
import { SignedWebhookNotifier } from './signed-webhook-notifier.js';

const SECRET = 'whsec-7f3a9c1e55b2';
const message: NotificationMessage = { event: 'failover-started', title: 'Failover of shop started', text: 'region-a is down.', fields: { Run: 'run-1' }, severity: 'critical', key: 'run-1' };

describe('SignedWebhookNotifier against a receiver that verifies the signature', () => {
  let receiver: FakeWebhookReceiver | undefined;
  afterEach(() => receiver?.close());

  it('posts the message as JSON with a valid X-Lifeboat-Signature and a matching timestamp', async () => {
    receiver = await FakeWebhookReceiver.start(SECRET);
    const sut = SignedWebhookNotifier.fromConfig({ url: receiver.url, secret: SECRET, now: () => 1_795_000_000 });

    await sut.send(message);

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.headers['x-lifeboat-timestamp']).toBe('1795000000');
    expect(req?.headers['x-lifeboat-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(req?.body ?? '')).toEqual({ ...message, timestamp: 1_795_000_000, source: 'lifeboat' });
  });

  it('is refused by the receiver when signed with another secret', async () => {
    receiver = await FakeWebhookReceiver.start(SECRET);
    const sut = SignedWebhookNotifier.fromConfig({ url: receiver.url, secret: 'not-the-shared-secret' });

    const error = await sut.send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'webhook', status: 401, retryable: false });
    expect((error as Error).message).not.toContain('not-the-shared-secret');
  });

  it('keeps the URL (and its query token) and the secret out of a failure', async () => {
    receiver = await FakeWebhookReceiver.start(SECRET, 503);
    const sut = SignedWebhookNotifier.fromConfig({ url: receiver.url, secret: SECRET });

    const error = await sut.send(message).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 503, retryable: true });
    expect((error as Error).message).toContain('receiver down');
    for (const secret of [SECRET, 'q5ecret', receiver.url]) expect((error as Error).message).not.toContain(secret);
  });
});
