import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import type { NotificationMessage } from '../../core/ports/notifier.js';
import { FakePagerDuty } from '../../../test/support/fakes/fake-pagerduty.js';
import { PagerDutyNotifier } from './pagerduty-notifier.js';

const KEY = 'R0UT1NGKEY0123456789abcdefABCDEF';
const NOW = new Date('2026-11-25T03:30:00.000Z');
const started: NotificationMessage = { event: 'failover-started', title: 'Failover of shop started', text: 'region-a is down.', fields: { Run: 'run-1', From: 'region-a' }, severity: 'critical', key: 'run-1' };

describe('PagerDutyNotifier against a local Events API v2', () => {
  let pagerduty: FakePagerDuty;
  let sut: PagerDutyNotifier;

  beforeEach(async () => {
    pagerduty = await FakePagerDuty.start();
    sut = PagerDutyNotifier.fromConfig({ routingKey: KEY, endpoint: pagerduty.endpoint, source: 'lifeboat/shop', now: () => NOW });
  });
  afterEach(() => pagerduty.close());

  it('triggers an alert keyed by the run', async () => {
    await sut.send(started);

    const [req] = pagerduty.requests;
    expect([req?.method, req?.path, req?.headers['content-type']]).toEqual(['POST', '/v2/enqueue', 'application/json']);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      routing_key: KEY,
      event_action: 'trigger',
      dedup_key: 'run-1',
      payload: {
        summary: 'Failover of shop started',
        source: 'lifeboat/shop',
        severity: 'critical',
        timestamp: '2026-11-25T03:30:00.000Z',
        custom_details: { text: 'region-a is down.', event: 'failover-started', Run: 'run-1', From: 'region-a' },
      },
    });
  });

  it('resolves the run\'s alert on failover-complete, and triggers when there is no key to resolve', async () => {
    await sut.send({ ...started, event: 'failover-complete', severity: 'info' });
    await sut.send({ ...started, event: 'failover-complete', severity: 'info', key: undefined });

    const [resolve, keyless] = pagerduty.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect([resolve?.event_action, resolve?.dedup_key]).toEqual(['resolve', 'run-1']);
    expect(keyless?.event_action).toBe('trigger');
    expect(keyless).not.toHaveProperty('dedup_key');
  });

  it.each([
    [400, { status: 'invalid event', message: 'Event object is invalid', errors: ["'routing_key' is invalid"] }, false],
    [429, { status: 'throttle event', message: 'Requests for this service are arriving too quickly.' }, true],
    [500, { status: 'error', message: 'internal error' }, true],
  ])('HTTP %i becomes a ProviderError (retryable per status) without the routing key', async (status, body, retryable) => {
    pagerduty.failNext(status, { ...body, routing_key: KEY });

    const error = await sut.send(started).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'pagerduty', status, retryable });
    expect((error as Error).message).toContain(body.message);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('is refused by the API for a malformed routing key', async () => {
    const bad = PagerDutyNotifier.fromConfig({ routingKey: 'short-key-1234', endpoint: pagerduty.endpoint, source: 'lifeboat/shop' });

    const error = await bad.send(started).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toContain('routing_key');
    expect((error as Error).message).not.toContain('short-key-1234');
  });
});
