import type { Traffic } from '../plan/schema.js';
import { shellSecret } from './shell-secret.js';

/**
 * The command that points the plan's traffic record at `address`, in the provider's own API or CLI:
 * PowerDNS's HTTP API, the AWS CLI for Route 53, Cloudflare's v4 API. `undefined` for `none` (the
 * global load balancer is switched by hand). Secrets are read from where the plan says they live.
 *
 * @example dnsChangeCommand(plan.spec.traffic, '10.213.2.2')
 */
export function dnsChangeCommand(traffic: Traffic, address: string): string | undefined {
  const ttl = Math.round(traffic.ttl.toSeconds());
  const content = traffic.type === 'CNAME' && !address.endsWith('.') ? `${address}.` : address;
  switch (traffic.provider) {
    case 'powerdns':
      return powerDns(traffic, content, ttl);
    case 'route53':
      return route53(traffic, content, ttl);
    case 'cloudflare':
      return cloudflare(traffic, content, ttl);
    case 'none':
      return undefined;
  }
}

function powerDns(traffic: Traffic, content: string, ttl: number): string {
  const endpoint = (traffic.endpoint ?? 'http://127.0.0.1:8081').replace(/\/$/, '');
  const body = { rrsets: [{ name: traffic.record, type: traffic.type, ttl, changetype: 'REPLACE', records: [{ content, disabled: false }] }] };
  return [
    `curl -fsS -X PATCH -H "X-API-Key: ${shellSecret(traffic.credentials, 'PDNS_API_KEY')}" -H 'Content-Type: application/json' \\`,
    `  ${endpoint}/api/v1/servers/localhost/zones/${traffic.zone} \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join('\n');
}

function route53(traffic: Traffic, content: string, ttl: number): string {
  const batch = { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: traffic.record, Type: traffic.type, TTL: ttl, ResourceRecords: [{ Value: content }] } }] };
  return [
    `aws route53 change-resource-record-sets \\`,
    `  --hosted-zone-id "$(aws route53 list-hosted-zones-by-name --dns-name ${traffic.zone} --query 'HostedZones[0].Id' --output text)" \\`,
    `  --change-batch '${JSON.stringify(batch)}'`,
  ].join('\n');
}

function cloudflare(traffic: Traffic, content: string, ttl: number): string {
  const auth = `-H "Authorization: Bearer ${shellSecret(traffic.credentials, 'CLOUDFLARE_API_TOKEN')}"`;
  const api = 'https://api.cloudflare.com/client/v4';
  const zone = traffic.zone.replace(/\.$/, '');
  const name = traffic.record.replace(/\.$/, '');
  return [
    `zone=$(curl -fsS ${auth} "${api}/zones?name=${zone}" | jq -r '.result[0].id')`,
    `record=$(curl -fsS ${auth} "${api}/zones/$zone/dns_records?type=${traffic.type}&name=${name}" | jq -r '.result[0].id')`,
    `curl -fsS -X PATCH ${auth} -H 'Content-Type: application/json' "${api}/zones/$zone/dns_records/$record" \\`,
    `  -d '${JSON.stringify({ content, ttl })}'`,
  ].join('\n');
}
