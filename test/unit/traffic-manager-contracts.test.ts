import { CloudflareTrafficManager } from '../../src/providers/traffic/cloudflare-traffic-manager.js';
import { Route53TrafficManager } from '../../src/providers/traffic/route53-traffic-manager.js';
import { trafficManagerContract } from '../../src/testing/traffic-manager.contract.js';
import { FakeCloudflare } from '../support/fakes/fake-cloudflare.js';
import { FakeRoute53 } from '../support/fakes/fake-route53.js';

const aws = { accessKeyId: 'AKIACONTRACTEXAMPLE1', secretAccessKey: 'contract/secret+key' };

trafficManagerContract('Route53TrafficManager (loopback Route 53)', async () => {
  const route53 = await FakeRoute53.start('ZCONTRACT', aws);
  const sut = Route53TrafficManager.fromConfig({ hostedZoneId: 'ZCONTRACT', record: 'app.example.com', type: 'A', ...aws, endpoint: route53.url });
  return { sut, a: '192.0.2.10', b: '192.0.2.20', weighted: true, close: () => route53.close() };
});

trafficManagerContract('CloudflareTrafficManager (loopback Cloudflare API)', async () => {
  const cloudflare = await FakeCloudflare.start({ id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' }, 'contract-token');
  const sut = CloudflareTrafficManager.fromConfig({ apiToken: 'contract-token', zone: 'example.com', record: 'app.example.com', type: 'A', endpoint: cloudflare.url });
  return { sut, a: '192.0.2.10', b: '192.0.2.20', weighted: false, close: () => cloudflare.close() };
});
