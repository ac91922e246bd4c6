import { largestGap } from '../objectives/cron.js';
import { Duration } from '../objectives/duration.js';
import type { VeleroScheduleObject } from '../plan/schedule-analysis.js';
import type { PlanSpec } from '../plan/schema.js';
import type { BackupRecord, ScheduleRecord } from '../ports/backup-catalog.js';
import { newestFirst } from './restore-sources.js';

const DEFAULT_EXPECTED = Duration.minutes(5);
const REFERENCE = new Date(Date.UTC(2026, 0, 1));

/** The backups a Schedule made (label velero.io/schedule-name), newest first. */
export function backupsOfSchedule(schedule: ScheduleRecord, backups: readonly BackupRecord[]): BackupRecord[] {
  return newestFirst(backups.filter((b) => b.schedule === schedule.name));
}

/** The largest gap between two runs of a cron, or undefined when Velero would not accept it. */
export function cronGapOf(cron: string): Duration | undefined {
  try {
    return largestGap(cron, REFERENCE);
  } catch {
    return undefined;
  }
}

/**
 * How long one backup of this schedule is expected to take: the plan's `expectedDuration` for a schedule
 * of the same name, else the median measured duration of its finished backups, else 5m.
 */
export function expectedDurationOf(schedule: ScheduleRecord, spec: PlanSpec, backups: readonly BackupRecord[]): Duration {
  const declared = spec.backup.schedules.find((s) => s.name === schedule.name)?.expectedDuration;
  if (declared) return declared;
  const measured = backups
    .map((b) => (b.startTimestamp && b.completionTimestamp ? b.completionTimestamp.getTime() - b.startTimestamp.getTime() : undefined))
    .filter((ms): ms is number => ms !== undefined && ms >= 0)
    .sort((a, b) => a - b);
  const median = measured[Math.floor(measured.length / 2)];
  return median === undefined ? DEFAULT_EXPECTED : Duration.milliseconds(Math.max(median, 1000));
}

/** A Schedule record back in the velero.io/v1 shape the schedule analysis reads. */
export function toVeleroScheduleObject(s: ScheduleRecord): VeleroScheduleObject {
  return {
    metadata: { name: s.name },
    spec: {
      schedule: s.cron,
      template: {
        includedNamespaces: s.includedNamespaces, excludedNamespaces: s.excludedNamespaces,
        includedResources: s.includedResources, excludedResources: s.excludedResources,
        storageLocation: s.storageLocation ?? null, ttl: s.ttlText ?? null,
        snapshotVolumes: s.snapshotVolumes ?? null, defaultVolumesToFsBackup: s.defaultVolumesToFsBackup ?? null,
        ...(s.labelSelector ? { labelSelector: { matchLabels: s.labelSelector } } : {}),
      },
    },
  };
}
