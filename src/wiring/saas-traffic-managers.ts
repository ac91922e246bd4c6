import { InputError } from '../core/errors.js';
import type { Traffic } from '../core/plan/schema.js';
import { CloudflareTrafficManager } from '../providers/traffic/cloudflare-traffic-manager.js';
import { Route53TrafficManager } from '../providers/traffic/route53-traffic-manager.js';
import { resolveSecretRef } from './secret-ref.js';

type Record = Traffic & { credentials: string };

/**
 * The hosted DNS providers, built from `spec.traffic`. What `credentials` must reference
 * (docs/traffic-providers.md):
 * route53: `ACCESS_KEY_ID:SECRET_ACCESS_KEY` of an IAM user allowed route53:ChangeResourceRecordSets and
 * route53:ListResourceRecordSets on the zone; `zone` is the hosted zone id (Z...).
 * cloudflare: an API token with Zone.DNS edit on the zone; `zone` is the zone id or its name.
 */
export const saasTrafficManagers = {
  route53(t: Record, env: NodeJS.ProcessEnv): Route53TrafficManager {
    if (t.zone.includes('.')) throw new InputError([{ path: 'spec.traffic.zone', message: `route53 needs the hosted zone id (like Z0123456789ABC), not the name ${t.zone}` }]);
    const value = resolveSecretRef(t.credentials, 'spec.traffic.credentials', env);
    const colon = value.indexOf(':');
    if (colon <= 0) throw new InputError([{ path: 'spec.traffic.credentials', message: 'route53 credentials must hold "ACCESS_KEY_ID:SECRET_ACCESS_KEY"' }]);
    return Route53TrafficManager.fromConfig({ hostedZoneId: t.zone, record: t.record, type: t.type, accessKeyId: value.slice(0, colon), secretAccessKey: value.slice(colon + 1), endpoint: t.endpoint });
  },

  cloudflare(t: Record, env: NodeJS.ProcessEnv): CloudflareTrafficManager {
    const apiToken = resolveSecretRef(t.credentials, 'spec.traffic.credentials', env);
    return CloudflareTrafficManager.fromConfig({ apiToken, zone: t.zone.replace(/\.$/, ''), record: t.record, type: t.type, endpoint: t.endpoint });
  },
};
