import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { Duration } from '../core/objectives/duration.js';
import { FakeCloudflare } from '../../test/support/fakes/fake-cloudflare.js';
import { FakeRoute53 } from '../../test/support/fakes/fake-route53.js';
import { planWith } from '../../test/support/valid-plan.js';
import { trafficManagerFor } from './failover-ports.js';

describe('trafficManagerFor with hosted DNS providers', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => { await Promise.all(closers.splice(0).map((c) => c())); });

  it('builds a Route 53 manager from "ACCESS_KEY_ID:SECRET_ACCESS_KEY" credentials', async () => {
    const route53 = await FakeRoute53.start('Z0123456789ABC', { accessKeyId: 'AKIAWIRINGEXAMPLE01', secretAccessKey: 'wiring/secret+key' });
    closers.push(() => route53.close());
    const plan = planWith({ traffic: { provider: 'route53', endpoint: route53.url, credentials: 'env:AWS_DNS', zone: 'Z0123456789ABC', record: 'app.example.com.' } });
    const sut = trafficManagerFor(plan, { AWS_DNS: 'AKIAWIRINGEXAMPLE01:wiring/secret+key' });

    await sut.pointTo(['192.0.2.20'], Duration.seconds(60));

    expect(route53.sets).toEqual([{ name: 'app.example.com.', type: 'A', ttl: 60, values: ['192.0.2.20'] }]);
  });

  it('builds a Cloudflare manager from an API token and a zone name', async () => {
    const cloudflare = await FakeCloudflare.start({ id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' }, 'cf-wiring-token');
    closers.push(() => cloudflare.close());
    const plan = planWith({ traffic: { provider: 'cloudflare', endpoint: cloudflare.url, credentials: 'env:CF_TOKEN', zone: 'example.com.', record: 'app.example.com.' } });
    const sut = trafficManagerFor(plan, { CF_TOKEN: 'cf-wiring-token' });

    await sut.pointTo(['192.0.2.20'], Duration.seconds(60));

    expect(cloudflare.records.map((r) => [r.name, r.content])).toEqual([['app.example.com', '192.0.2.20']]);
  });

  it.each([
    ['route53 zone given by name', { provider: 'route53', credentials: 'env:X', zone: 'example.com.' }, { X: 'a:b' }, 'spec.traffic.zone: route53 needs the hosted zone id'],
    ['route53 credentials without a colon', { provider: 'route53', credentials: 'env:X', zone: 'Z1' }, { X: 'just-a-key' }, 'ACCESS_KEY_ID:SECRET_ACCESS_KEY'],
    ['cloudflare without credentials', { provider: 'cloudflare', zone: 'example.com' }, {}, 'spec.traffic.credentials: cloudflare needs its credentials'],
    ['no provider', { provider: 'none', zone: 'example.com' }, {}, 'traffic provider "none" cannot move traffic'],
  ] as const)('refuses %s with an InputError that names the field', (_case, traffic, env, expected) => {
    const plan = planWith({ traffic: { record: 'app.example.com.', ...traffic } });

    const attempt = (): unknown => trafficManagerFor(plan, env);

    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(expected);
    expect(attempt).not.toThrow('just-a-key');
  });
});
