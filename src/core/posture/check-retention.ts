import { Duration } from '../objectives/duration.js';
import type { Finding } from './finding.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { restoreSourcesByNamespace } from './check-contents.js';
import { restorePointOf } from './restore-sources.js';

/**
 * `backup.expiring-before-retention`: the newest restore source of a protected namespace is set to
 * expire sooner after it was taken than the plan's retention (a manual backup with a short ttl, or a
 * schedule whose ttl was lowered after the plan was written).
 */
export function checkRetention(snapshot: PostureSnapshot): Finding[] {
  const retention = snapshot.plan.spec.protection.retention;
  const primary = primaryOf(snapshot);
  if (!retention || !primary?.reachable || !primary.catalog) return [];
  const sources = restoreSourcesByNamespace(snapshot.plan.spec, primary.inventory, primary.catalog, snapshot.now);
  return [...sources].flatMap(([ns, backup]): Finding[] => {
    const taken = restorePointOf(backup);
    if (!taken || !backup.expiration) return [];
    const kept = Duration.milliseconds(Math.max(0, backup.expiration.getTime() - taken.getTime()));
    if (!kept.isShorterThan(retention)) return [];
    return [{
      id: 'backup.expiring-before-retention', severity: 'warning', field: 'spec.protection.retention',
      message: `backup ${backup.name} (newest for ${ns}) expires ${kept.toString()} after it was taken, before the ${retention.toString()} retention`,
      fix: `give the backups of ${ns} a ttl of at least ${retention.toString()} (the schedule's template.ttl)`,
      evidence: { namespace: ns, backup: backup.name, expiration: backup.expiration.toISOString(), keptFor: kept.toString(), retention: retention.toString() },
    }];
  });
}
