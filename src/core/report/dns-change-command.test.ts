import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { dnsChangeCommand } from './dns-change-command.js';

describe('dnsChangeCommand', () => {
  it('replaces the PowerDNS rrset through its HTTP API, reading the key from where the plan says', () => {
    const sut = samplePlan().spec.traffic;

    const command = dnsChangeCommand(sut, '192.0.2.20');

    expect(command).toContain('-H "X-API-Key: $PDNS_KEY"');
    expect(command).toContain('http://127.0.0.1:8081/api/v1/servers/localhost/zones/example.com.');
    expect(command).toContain(`'{"rrsets":[{"name":"app.example.com.","type":"A","ttl":30,"changetype":"REPLACE","records":[{"content":"192.0.2.20","disabled":false}]}]}'`);
  });

  it('upserts the Route 53 record in the zone looked up by name', () => {
    const sut = samplePlan({ traffic: { provider: 'route53', zone: 'example.com.', record: 'app.example.com.', type: 'CNAME' } }).spec.traffic;

    const command = dnsChangeCommand(sut, 'lb-b.elb.amazonaws.com') ?? '';

    expect(command).toContain('--dns-name example.com.');
    expect(command).toContain('"Action":"UPSERT"');
    expect(command).toContain('"Value":"lb-b.elb.amazonaws.com."');
  });

  it('patches the Cloudflare record with a token read from a file reference', () => {
    const sut = samplePlan({ traffic: { provider: 'cloudflare', credentials: 'file:/etc/cf.token', zone: 'example.com.', record: 'app.example.com.' } }).spec.traffic;

    const command = dnsChangeCommand(sut, '192.0.2.20') ?? '';

    expect(command).toContain('Authorization: Bearer $(cat /etc/cf.token)');
    expect(command).toContain('zones?name=example.com"');
    expect(command).toContain(`'{"content":"192.0.2.20","ttl":60}'`);
  });

  it('has no command when traffic is switched by hand', () => {
    const sut = samplePlan({ traffic: { provider: 'none', zone: 'example.com.', record: 'app.example.com.' } }).spec.traffic;

    expect(dnsChangeCommand(sut, '192.0.2.20')).toBeUndefined();
  });
});
