import { checkContents } from './check-contents.js';
import { checkCoverage } from './check-coverage.js';
import { checkDrills } from './check-drills.js';
import { checkRetention } from './check-retention.js';
import { checkRpo } from './check-rpo.js';
import { checkSchedules } from './check-schedules.js';
import { checkStandby } from './check-standby.js';
import { checkStorage } from './check-storage.js';
import { checkTraffic } from './check-traffic.js';
import { sortFindings, type Finding } from './finding.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { checkPredictedRto } from './predicted-rto.js';

const CHECKS: ReadonlyArray<(s: PostureSnapshot) => Finding[]> = [
  checkRpo, checkSchedules, checkRetention, checkCoverage, checkContents, checkStorage, checkStandby, checkTraffic, checkDrills, checkPredictedRto,
];

/**
 * Every posture check over one snapshot, worst first. A primary that cannot be reached is itself a
 * finding (`primary.unreachable`): nothing else about it can be judged.
 *
 * @example evaluatePosture(snapshot).filter((f) => f.severity === 'error')
 */
export function evaluatePosture(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  const findings = CHECKS.flatMap((check) => check(snapshot));
  if (primary && !primary.reachable) {
    findings.push({ id: 'primary.unreachable', severity: 'error', message: `primary region ${primary.region} cannot be reached: ${primary.reason}`, fix: 'if the region is down, this is an incident: follow the failover runbook', evidence: { region: primary.region, reason: primary.reason } });
  } else if (primary?.reachable && !primary.catalog) {
    findings.push({ id: 'backup.catalog-unreadable', severity: 'error', message: `region ${primary.region}: Velero's catalog cannot be read: ${primary.catalogError ?? 'unknown'}`, fix: 'check Velero is installed in the plan\'s veleroNamespace', evidence: { region: primary.region, reason: primary.catalogError ?? null } });
  }
  return sortFindings(findings);
}
