import type { BackupRecord } from '../ports/backup-catalog.js';
import { scopeIncludes } from './namespace-scope.js';

/** When a backup's restore point was taken: its start (Velero snapshots from there on). */
export function restorePointOf(backup: BackupRecord): Date | undefined {
  return backup.startTimestamp ?? backup.completionTimestamp;
}

/**
 * Whether a backup can be restored from: Completed, or PartiallyFailed when the plan accepts that
 * (its errors are then shown as evidence), and not expired.
 */
export function isRestoreSource(backup: BackupRecord, acceptPartiallyFailed: boolean, now: Date): boolean {
  const phaseOk = backup.phase === 'Completed' || (acceptPartiallyFailed && backup.phase === 'PartiallyFailed');
  const alive = backup.expiration === undefined || backup.expiration.getTime() > now.getTime();
  return phaseOk && alive && restorePointOf(backup) !== undefined;
}

/** Backups newest first by restore point (those without one last). */
export function newestFirst(backups: readonly BackupRecord[]): BackupRecord[] {
  const time = (b: BackupRecord): number => restorePointOf(b)?.getTime() ?? b.completionTimestamp?.getTime() ?? 0;
  return [...backups].sort((a, b) => time(b) - time(a) || b.name.localeCompare(a.name));
}

/**
 * The newest valid restore source that holds a namespace, or undefined when there is none.
 *
 * @example newestRestoreSource(backups, 'production', false, now)?.name
 */
export function newestRestoreSource(backups: readonly BackupRecord[], ns: string, acceptPartiallyFailed: boolean, now: Date): BackupRecord | undefined {
  let best: BackupRecord | undefined;
  for (const b of backups) {
    if (!isRestoreSource(b, acceptPartiallyFailed, now) || !scopeIncludes(b, ns)) continue;
    if (!best || (restorePointOf(b)?.getTime() ?? 0) > (restorePointOf(best)?.getTime() ?? 0)) best = b;
  }
  return best;
}
