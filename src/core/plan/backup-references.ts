import type { PathIssue } from './issue-path.js';
import type { PlanSpec } from './schema.js';

/**
 * Backup checks across fields: schedules must name storage and snapshot locations the plan declares
 * (when it declares any: an empty list means "Velero's own, configured outside the plan"), names must
 * be unique, and managed mode needs something to render.
 *
 * @example backupReferenceIssues(spec) // [] when every schedule's storageLocation is declared
 */
export function backupReferenceIssues(spec: PlanSpec): PathIssue[] {
  const backup = spec.backup;
  const issues: PathIssue[] = [
    ...duplicates(backup.schedules.map((s) => s.name), ['spec', 'backup', 'schedules'], 'schedule'),
    ...duplicates(backup.storageLocations.map((s) => s.name), ['spec', 'backup', 'storageLocations'], 'storage location'),
  ];
  if (backup.mode === 'managed' && backup.schedules.length === 0) {
    issues.push({ path: ['spec', 'backup', 'schedules'], message: 'backup mode managed needs at least one schedule to render; add one, or set mode: adopt to use the Schedules already in the cluster' });
  }
  const storage = new Set(backup.storageLocations.map((s) => s.name));
  const snapshots = new Set(backup.volumeSnapshotLocations.map((s) => s.name));
  backup.schedules.forEach((schedule, i) => {
    const at = ['spec', 'backup', 'schedules', i];
    if (storage.size > 0 && !storage.has(schedule.storageLocation)) {
      issues.push({ path: [...at, 'storageLocation'], message: `storage location "${schedule.storageLocation}" is not declared in spec.backup.storageLocations (declared: ${[...storage].join(', ')})` });
    }
    schedule.volumeSnapshotLocations.forEach((name, j) => {
      if (snapshots.size > 0 && !snapshots.has(name)) {
        issues.push({ path: [...at, 'volumeSnapshotLocations', j], message: `volume snapshot location "${name}" is not declared in spec.backup.volumeSnapshotLocations (declared: ${[...snapshots].join(', ')})` });
      }
    });
  });
  return issues;
}

function duplicates(names: readonly string[], path: readonly PropertyKey[], what: string): PathIssue[] {
  const seen = new Set<string>();
  return names.flatMap((name, i): PathIssue[] => {
    if (!seen.has(name)) { seen.add(name); return []; }
    return [{ path: [...path, i, 'name'], message: `${what} name "${name}" is used more than once` }];
  });
}
