import type { Duration } from '../../core/objectives/duration.js';
import { Duration as D } from '../../core/objectives/duration.js';
import { ProviderError } from '../../core/errors.js';
import type { TrafficManager, TrafficState } from '../../core/ports/traffic-manager.js';

export interface PowerDnsConfig {
  /** API base, e.g. http://127.0.0.1:8081 */
  endpoint: string;
  apiKey: string;
  zone: string;
  record: string;
  type: 'A' | 'AAAA' | 'CNAME';
  server?: string;
}

interface RRSet { name: string; type: string; ttl: number; records: Array<{ content: string; disabled: boolean }> }

/**
 * Traffic through a PowerDNS authoritative server's HTTP API. Plain failover replaces the record's
 * rrset; weighted answers use a LUA record (`pickwrandom`), which PowerDNS evaluates per query.
 * The API key is sent only in the X-API-Key header and never appears in errors.
 */
export class PowerDnsTrafficManager implements TrafficManager {
  constructor(private readonly config: PowerDnsConfig) {}

  static fromConfig(config: PowerDnsConfig): PowerDnsTrafficManager {
    const fq = (n: string): string => (n.endsWith('.') ? n : `${n}.`);
    return new PowerDnsTrafficManager({ ...config, zone: fq(config.zone), record: fq(config.record) });
  }

  async current(): Promise<TrafficState | undefined> {
    const zone = (await this.request('GET', '')) as { rrsets?: RRSet[] };
    const sets = (zone.rrsets ?? []).filter((r) => r.name === this.config.record);
    const plain = sets.find((r) => r.type === this.config.type);
    if (plain) return { targets: plain.records.filter((x) => !x.disabled).map((x) => x.content), ttl: D.seconds(plain.ttl) };
    const lua = sets.find((r) => r.type === 'LUA');
    if (!lua) return undefined;
    const weights = parseLuaWeights(lua.records[0]?.content ?? '');
    return { targets: Object.keys(weights).filter((t) => (weights[t] ?? 0) > 0), ttl: D.seconds(lua.ttl), weights };
  }

  async pointTo(targets: readonly string[], ttl: Duration): Promise<void> {
    await this.patch([
      this.rrset(this.config.type, ttl, targets.map((content) => ({ content, disabled: false }))),
      { name: this.config.record, type: 'LUA', changetype: 'DELETE' },
    ]);
  }

  async weigh(weights: Readonly<Record<string, number>>, ttl: Duration): Promise<void> {
    const entries = Object.entries(weights).filter(([, w]) => w > 0);
    if (entries.length === 1 && entries[0]) {
      await this.pointTo([entries[0][0]], ttl);
      return;
    }
    const pairs = entries.map(([ip, w]) => `{${w}, '${ip}'}`).join(', ');
    const content = `${this.config.type} "pickwrandom({${pairs}})"`;
    await this.patch([
      { name: this.config.record, type: this.config.type, changetype: 'DELETE' },
      this.rrset('LUA', ttl, [{ content, disabled: false }]),
    ]);
  }

  private rrset(type: string, ttl: Duration, records: Array<{ content: string; disabled: boolean }>): Record<string, unknown> {
    return { name: this.config.record, type, ttl: Math.max(1, Math.round(ttl.toSeconds())), changetype: 'REPLACE', records };
  }

  private async patch(rrsets: Array<Record<string, unknown>>): Promise<void> {
    await this.request('PATCH', '', { rrsets });
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const server = this.config.server ?? 'localhost';
    const url = `${this.config.endpoint.replace(/\/$/, '')}/api/v1/servers/${server}/zones/${this.config.zone}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { 'X-API-Key': this.config.apiKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw new ProviderError(`PowerDNS at ${this.config.endpoint} is unreachable`, { provider: 'powerdns', operation: method, retryable: true, cause });
    }
    if (!res.ok) {
      const text = (await res.text()).slice(0, 300);
      throw new ProviderError(`PowerDNS ${method} zone ${this.config.zone} answered HTTP ${res.status}: ${text}`, {
        provider: 'powerdns', operation: method, retryable: res.status >= 500 || res.status === 429, status: res.status,
      });
    }
    return res.status === 204 ? undefined : res.json();
  }
}

/** Reads `{w, 'ip'}` pairs back out of a pickwrandom LUA record. */
export function parseLuaWeights(content: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of content.matchAll(/\{\s*(\d+)\s*,\s*'([^']+)'\s*\}/g)) out[m[2] ?? ''] = Number(m[1]);
  return out;
}
