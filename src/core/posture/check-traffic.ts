import type { Finding } from './finding.js';
import type { PostureSnapshot } from './posture-snapshot.js';

/** The largest TTL the RTO budget allows: resolvers may keep the old answer this long after failover. */
export const TTL_SHARE_OF_RTO = 0.1;

/**
 * Traffic readiness: the DNS provider answers (`traffic.provider-unreachable`), the record exists
 * (`traffic.record-missing`), and its TTL is at most 10% of the RTO (`traffic.ttl-too-long`).
 */
export function checkTraffic(snapshot: PostureSnapshot): Finding[] {
  const { traffic } = snapshot.plan.spec;
  const seen = snapshot.traffic;
  if (seen.ok === 'skipped') return [];
  if (!seen.ok) {
    return [{ id: 'traffic.provider-unreachable', severity: 'error', field: 'spec.traffic.endpoint', message: `DNS provider ${traffic.provider} cannot be reached: ${seen.reason}`, fix: 'check spec.traffic.endpoint and the credentials it references', evidence: { provider: traffic.provider, reason: seen.reason } }];
  }
  if (!seen.state) {
    return [{ id: 'traffic.record-missing', severity: 'error', field: 'spec.traffic.record', message: `DNS record ${traffic.record} (${traffic.type}) does not exist in zone ${traffic.zone}`, fix: 'create the record pointing at the primary, or fix spec.traffic.record', evidence: { zone: traffic.zone, record: traffic.record, type: traffic.type } }];
  }
  const limit = snapshot.plan.spec.objectives.rto.times(TTL_SHARE_OF_RTO);
  if (!seen.state.ttl.isLongerThan(limit)) return [];
  return [{
    id: 'traffic.ttl-too-long', severity: 'warning', field: 'spec.traffic.ttl',
    message: `DNS record ${traffic.record} has TTL ${seen.state.ttl.toString()}, over 10% of the ${snapshot.plan.spec.objectives.rto.toString()} RTO (${limit.toString()}): clients keep the dead region that long`,
    fix: `lower the record's TTL to ${limit.toString()} or less`,
    evidence: { record: traffic.record, ttl: seen.state.ttl.toString(), limit: limit.toString(), targets: seen.state.targets },
  }];
}
