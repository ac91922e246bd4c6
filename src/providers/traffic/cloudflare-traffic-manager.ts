import { ProviderError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import type { TrafficManager, TrafficState } from '../../core/ports/traffic-manager.js';
import { CloudflareApi } from './cloudflare-api.js';

export interface CloudflareConfig {
  /** API token with Zone.DNS edit permission on the zone. */
  apiToken: string;
  /** The zone's id (32 hex characters) or its name (example.com), resolved once through GET /zones?name=. */
  zone: string;
  /** The record's name, e.g. app.example.com (a trailing dot is dropped: Cloudflare names have none). */
  record: string;
  type: 'A' | 'AAAA' | 'CNAME';
  /** API base; default https://api.cloudflare.com/client/v4. Tests point it at a local server. */
  endpoint?: string;
}

interface DnsRecord { id: string; name: string; type: string; content: string; ttl: number; proxied?: boolean }

/** Cloudflare's `ttl: 1` means "automatic", which is 300 seconds. */
const AUTOMATIC_TTL = 300;

/**
 * Traffic through Cloudflare DNS (API v4): one DNS record per target, DNS only (`proxied: false`, so the
 * answers are the regions' ingress addresses). Moving traffic updates records in place before deleting
 * extras, so the name never answers empty. Cloudflare DNS has no weighted answers (that needs its
 * Load Balancing product), so `weigh` accepts only a single 100% target.
 */
export class CloudflareTrafficManager implements TrafficManager {
  private zoneId: string | undefined;
  private readonly record: string;

  constructor(private readonly config: CloudflareConfig, private readonly api: CloudflareApi) {
    this.zoneId = /^[0-9a-f]{32}$/.test(config.zone) ? config.zone : undefined;
    this.record = config.record.toLowerCase().replace(/\.$/, '');
  }

  static fromConfig(config: CloudflareConfig): CloudflareTrafficManager {
    return new CloudflareTrafficManager(config, new CloudflareApi(config.endpoint ?? 'https://api.cloudflare.com/client/v4', config.apiToken));
  }

  async current(): Promise<TrafficState | undefined> {
    const records = await this.records();
    if (records.length === 0) return undefined;
    const ttl = records[0]?.ttl ?? AUTOMATIC_TTL;
    return { targets: records.map((r) => r.content), ttl: Duration.seconds(ttl === 1 ? AUTOMATIC_TTL : ttl) };
  }

  async pointTo(targets: readonly string[], ttl: Duration): Promise<void> {
    const zone = await this.zone();
    const existing = await this.records();
    const seconds = Math.max(1, Math.round(ttl.toSeconds()));
    const kept = existing.filter((r) => targets.includes(r.content));
    const spare = existing.filter((r) => !targets.includes(r.content));
    for (const content of targets.filter((t) => !kept.some((r) => r.content === t))) {
      const reuse = spare.shift();
      if (reuse) await this.api.call('PUT', `/zones/${zone}/dns_records/${reuse.id}`, this.body(content, seconds));
      else await this.api.call('POST', `/zones/${zone}/dns_records`, this.body(content, seconds));
    }
    for (const r of kept.filter((k) => k.ttl !== seconds || k.proxied === true)) await this.api.call('PUT', `/zones/${zone}/dns_records/${r.id}`, this.body(r.content, seconds));
    for (const r of spare) await this.api.call('DELETE', `/zones/${zone}/dns_records/${r.id}`);
  }

  async weigh(weights: Readonly<Record<string, number>>, ttl: Duration): Promise<void> {
    const positive = Object.entries(weights).filter(([, w]) => w > 0);
    if (positive.length !== 1 || !positive[0]) {
      throw new ProviderError(`Cloudflare DNS cannot split ${this.record} by weight (${positive.map(([t, w]) => `${t}=${w}%`).join(', ')}): weighted answers need Cloudflare Load Balancing, which Lifeboat does not drive; use a single 100% target or another traffic provider`, {
        provider: 'cloudflare', operation: 'weigh', retryable: false,
      });
    }
    await this.pointTo([positive[0][0]], ttl);
  }

  private body(content: string, ttl: number): Record<string, unknown> {
    return { type: this.config.type, name: this.record, content, ttl, proxied: false };
  }

  private async records(): Promise<DnsRecord[]> {
    const zone = await this.zone();
    const query = new URLSearchParams({ name: this.record, type: this.config.type });
    const list = await this.api.call<DnsRecord[]>('GET', `/zones/${zone}/dns_records?${query.toString()}`);
    return list.filter((r) => r.name === this.record && r.type === this.config.type);
  }

  private async zone(): Promise<string> {
    if (this.zoneId) return this.zoneId;
    const zones = await this.api.call<Array<{ id: string; name: string }>>('GET', `/zones?${new URLSearchParams({ name: this.config.zone }).toString()}`);
    const match = zones.find((z) => z.name === this.config.zone);
    if (!match) throw new ProviderError(`Cloudflare has no zone named ${this.config.zone} visible to this API token`, { provider: 'cloudflare', operation: 'GET /zones', retryable: false });
    this.zoneId = match.id;
    return match.id;
  }
}
