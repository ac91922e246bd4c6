import { Duration } from '../objectives/duration.js';
import type { Finding } from './finding.js';
import { protectedNamespaces } from './namespace-scope.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { newestRestoreSource, restorePointOf } from './restore-sources.js';

/**
 * Achieved RPO per protected namespace: the age of the newest valid restore source that holds it.
 * `rpo.achieved` (info) when within the target, `rpo.breached` (error) when older or missing.
 */
export function checkRpo(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  if (!primary?.reachable || !primary.catalog) return [];
  const { spec } = snapshot.plan;
  const target = spec.objectives.rpo;
  const backups = primary.catalog.backups;
  return protectedNamespaces(spec, primary.inventory.namespaces).map((ns) => {
    const source = newestRestoreSource(backups, ns, spec.protection.acceptPartiallyFailed, snapshot.now);
    const point = source && restorePointOf(source);
    if (!source || !point) {
      return {
        id: 'rpo.breached', severity: 'error', field: 'spec.objectives.rpo',
        message: `namespace ${ns} has no valid restore source (no Completed backup holds it): nothing to recover to`,
        fix: `create a Velero Schedule that includes ${ns}, or run \`velero backup create --include-namespaces ${ns}\``,
        evidence: { namespace: ns, target: target.toString(), achieved: null },
      };
    }
    const age = Duration.milliseconds(Math.max(0, snapshot.now.getTime() - point.getTime()));
    const evidence: Record<string, unknown> = { namespace: ns, backup: source.name, phase: source.phase, restorePoint: point.toISOString(), achieved: age.toString(), achievedSeconds: Math.round(age.toSeconds()), target: target.toString() };
    if (source.phase === 'PartiallyFailed') evidence.errors = source.errors;
    if (age.isLongerThan(target)) {
      return {
        id: 'rpo.breached', severity: 'error', field: 'spec.objectives.rpo', evidence,
        message: `namespace ${ns}: newest restore source ${source.name} is ${age.toString()} old, over the ${target.toString()} RPO`,
        fix: 'find why the schedule stopped producing Completed backups (`lifeboat status` schedule findings, `velero backup logs`)',
      };
    }
    return {
      id: 'rpo.achieved', severity: 'info', field: 'spec.objectives.rpo', evidence,
      message: `namespace ${ns}: newest restore source ${source.name} is ${age.toString()} old (RPO ${target.toString()})`,
      fix: 'nothing to do',
    };
  });
}
