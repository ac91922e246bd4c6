import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { Duration } from '../../core/objectives/duration.js';
import type { TrafficManager, TrafficState } from '../../core/ports/traffic-manager.js';
import { route53Error } from './route53-error.js';

export interface Route53Config {
  /** The hosted zone's id (`Z0123456789ABC` or `/hostedzone/Z0123456789ABC`). */
  hostedZoneId: string;
  /** The record's name, e.g. app.example.com (lower-cased and fully qualified, as Route 53 lists it). */
  record: string;
  type: 'A' | 'AAAA' | 'CNAME';
  accessKeyId: string;
  secretAccessKey: string;
  /** API endpoint; default https://route53.amazonaws.com. Tests point it at a local server. */
  endpoint?: string;
}

/**
 * Traffic through Amazon Route 53's API (ChangeResourceRecordSets, ListResourceRecordSets), signed
 * with SigV4 by the AWS SDK. Plain failover UPSERTs one record set; weighted answers are one record set
 * per target (SetIdentifier = the target, Weight = its percent). Route 53 refuses a plain and a weighted
 * set of the same name and type side by side, so each change deletes the other kind in the same
 * (atomic) change batch. The SDK does not retry: the runbook's retry policy does, within the step budget.
 */
export class Route53TrafficManager implements TrafficManager {
  private readonly zoneId: string;
  private readonly record: string;

  constructor(private readonly config: Route53Config, private readonly client: Route53Client) {
    this.zoneId = config.hostedZoneId.replace(/^\/?hostedzone\//, '');
    const name = config.record.toLowerCase();
    this.record = name.endsWith('.') ? name : `${name}.`;
  }

  static fromConfig(config: Route53Config): Route53TrafficManager {
    const client = new Route53Client({
      region: 'us-east-1',
      endpoint: config.endpoint,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      maxAttempts: 1,
    });
    return new Route53TrafficManager(config, client);
  }

  async current(): Promise<TrafficState | undefined> {
    const sets = await this.recordSets();
    const plain = sets.find((s) => s.SetIdentifier === undefined);
    if (plain) return { targets: values(plain), ttl: Duration.seconds(plain.TTL ?? 0) };
    if (sets.length === 0) return undefined;
    const weights = Object.fromEntries(sets.map((s) => [values(s)[0] ?? '', s.Weight ?? 0]));
    return { targets: Object.keys(weights).filter((t) => (weights[t] ?? 0) > 0), ttl: Duration.seconds(sets[0]?.TTL ?? 0), weights };
  }

  async pointTo(targets: readonly string[], ttl: Duration): Promise<void> {
    const stale = (await this.recordSets()).filter((s) => s.SetIdentifier !== undefined);
    await this.change([...stale.map(remove), upsert({ ...this.base(ttl), ResourceRecords: targets.map((Value) => ({ Value })) })]);
  }

  async weigh(weights: Readonly<Record<string, number>>, ttl: Duration): Promise<void> {
    const entries = Object.entries(weights).filter(([, w]) => w > 0);
    if (entries.length === 1 && entries[0]) return this.pointTo([entries[0][0]], ttl);
    const keep = new Set(entries.map(([target]) => target));
    const stale = (await this.recordSets()).filter((s) => s.SetIdentifier === undefined || !keep.has(s.SetIdentifier));
    const sets = entries.map(([target, weight]) => upsert({ ...this.base(ttl), SetIdentifier: target, Weight: weight, ResourceRecords: [{ Value: target }] }));
    await this.change([...stale.map(remove), ...sets]);
  }

  private base(ttl: Duration): ResourceRecordSet {
    return { Name: this.record, Type: this.config.type, TTL: Math.max(1, Math.round(ttl.toSeconds())) };
  }

  /** The record's sets (one plain, or one per weighted target); Route 53 lists from name+type on. */
  private async recordSets(): Promise<ResourceRecordSet[]> {
    const input = { HostedZoneId: this.zoneId, StartRecordName: this.record, StartRecordType: this.config.type };
    try {
      const out = await this.client.send(new ListResourceRecordSetsCommand(input));
      return (out.ResourceRecordSets ?? []).filter((s) => s.Name === this.record && s.Type === this.config.type);
    } catch (cause) {
      throw route53Error(cause, { operation: 'ListResourceRecordSets', zone: this.zoneId, secrets: this.secrets() });
    }
  }

  private async change(changes: Change[]): Promise<void> {
    const input = { HostedZoneId: this.zoneId, ChangeBatch: { Changes: changes } };
    try {
      await this.client.send(new ChangeResourceRecordSetsCommand(input));
    } catch (cause) {
      throw route53Error(cause, { operation: 'ChangeResourceRecordSets', zone: this.zoneId, secrets: this.secrets() });
    }
  }

  private secrets(): string[] {
    return [this.config.accessKeyId, this.config.secretAccessKey];
  }
}

function values(set: ResourceRecordSet): string[] {
  return (set.ResourceRecords ?? []).map((r) => r.Value ?? '');
}

function upsert(set: ResourceRecordSet): Change {
  return { Action: 'UPSERT', ResourceRecordSet: set };
}

/** Deletes a set exactly as listed (Route 53 requires every field to match). */
function remove(set: ResourceRecordSet): Change {
  return { Action: 'DELETE', ResourceRecordSet: set };
}
