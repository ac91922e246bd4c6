import { Duration } from '../objectives/duration.js';
import type { BackupRecord, ScheduleRecord } from '../ports/backup-catalog.js';
import type { Finding } from './finding.js';
import { analyzeVeleroSchedules } from '../plan/schedule-analysis.js';
import { protectedNamespaces, scopeIncludes } from './namespace-scope.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { restorePointOf } from './restore-sources.js';
import { backupsOfSchedule, cronGapOf, expectedDurationOf, toVeleroScheduleObject } from './schedule-facts.js';

const FAILED = new Set(['Failed', 'PartiallyFailed', 'FailedValidation']);
const RUNNING = new Set(['New', 'Queued', 'ReadyToStart', 'InProgress', 'WaitingForPluginOperations', 'Finalizing']);

/**
 * The live Velero Schedules that cover at least one protected namespace: `schedule.failing` and
 * `schedule.stuck` from their backups, plus the plan-level schedule analysis (cron against the RPO,
 * ttl against retention, resources restored without their dependencies) applied to what really runs.
 * A slow schedule is not an RPO problem when faster ones cover its namespaces (an archive); namespaces
 * no schedule covers are reported once, by the coverage check.
 */
export function checkSchedules(snapshot: PostureSnapshot): Finding[] {
  const primary = primaryOf(snapshot);
  if (!primary?.reachable || !primary.catalog) return [];
  const { spec } = snapshot.plan;
  const guarded = protectedNamespaces(spec, primary.inventory.namespaces);
  const backups = primary.catalog.backups;
  const live = primary.catalog.schedules.filter((s) => guarded.some((ns) => scopeIncludes(s, ns)));
  const expected = new Map(live.map((s) => [s.name, expectedDurationOf(s, spec, backupsOfSchedule(s, backups))]));
  const analysed = analyzeVeleroSchedules(live.map(toVeleroScheduleObject), {
    rpo: spec.objectives.rpo,
    retention: spec.protection.retention,
    expectedDurations: Object.fromEntries(expected),
    storageLocations: spec.backup.storageLocations,
    primaryLocation: spec.regions.find((r) => r.name === primary.region)?.location,
    pvcsInScope: spec.protection.volumes !== 'none',
    protectedNamespaces: guarded,
  }).filter((f) => f.id !== 'schedule.namespace-uncovered');
  return [...analysed, ...live.flatMap((s) => {
    const own = backupsOfSchedule(s, backups);
    return [...failing(snapshot, s, own[0]), ...stuck(snapshot, s, own[0], { expected: expected.get(s.name) ?? Duration.minutes(5), gap: cronGapOf(s.cron) })];
  })];
}

function failing(snapshot: PostureSnapshot, schedule: ScheduleRecord, newest: BackupRecord | undefined): Finding[] {
  if (!newest || !FAILED.has(newest.phase)) return [];
  const tolerated = newest.phase === 'PartiallyFailed' && snapshot.plan.spec.protection.acceptPartiallyFailed;
  return [{
    id: 'schedule.failing', severity: tolerated ? 'warning' : 'error',
    message: `schedule ${schedule.name}: its newest backup ${newest.name} is ${newest.phase}${newest.failureReason ? ` (${newest.failureReason})` : ''}`,
    fix: `read \`velero backup describe ${newest.name} --details\` and \`velero backup logs ${newest.name}\`; check the storage location and credentials`,
    evidence: { schedule: schedule.name, backup: newest.name, phase: newest.phase, errors: newest.errors, warnings: newest.warnings, failureReason: newest.failureReason ?? null, storageLocation: newest.storageLocation ?? null },
  }];
}

interface Timing { expected: Duration; gap: Duration | undefined }

function stuck(snapshot: PostureSnapshot, schedule: ScheduleRecord, newest: BackupRecord | undefined, t: Timing): Finding[] {
  if (schedule.paused) return [];
  return runningTooLong(snapshot.now, schedule, newest, t) ?? silentTooLong(snapshot.now, schedule, newest, t);
}

function runningTooLong(now: Date, schedule: ScheduleRecord, newest: BackupRecord | undefined, t: Timing): Finding[] | undefined {
  const started = newest && restorePointOf(newest);
  if (!newest || !started || !RUNNING.has(newest.phase)) return undefined;
  const running = Duration.milliseconds(Math.max(0, now.getTime() - started.getTime()));
  if (!running.isLongerThan(t.expected.times(3))) return [];
  return [stuckFinding(schedule, `its backup ${newest.name} has been ${newest.phase} for ${running.toString()}, over 3x the expected ${t.expected.toString()}`, { backup: newest.name, phase: newest.phase, running: running.toString(), expected: t.expected.toString() })];
}

function silentTooLong(now: Date, schedule: ScheduleRecord, newest: BackupRecord | undefined, t: Timing): Finding[] {
  const last = schedule.lastBackup ?? (newest && restorePointOf(newest)) ?? schedule.created;
  if (!t.gap || !last) return [];
  const quiet = Duration.milliseconds(Math.max(0, now.getTime() - last.getTime()));
  if (!quiet.isLongerThan(t.gap.times(2))) return [];
  return [stuckFinding(schedule, `no backup for ${quiet.toString()}, over twice its largest gap ${t.gap.toString()}`, { lastBackup: last.toISOString(), silence: quiet.toString(), largestGap: t.gap.toString() })];
}

function stuckFinding(schedule: ScheduleRecord, what: string, evidence: Record<string, unknown>): Finding {
  return {
    id: 'schedule.stuck', severity: 'error', message: `schedule ${schedule.name}: ${what}`,
    fix: 'check that the Velero server is running (`kubectl -n velero get pods`, its logs) and that the schedule is not paused',
    evidence: { schedule: schedule.name, cron: schedule.cron, ...evidence },
  };
}
