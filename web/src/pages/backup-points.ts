import type { Posture } from '../api/types';

/** One row of the backup timeline: a schedule's or a namespace's newest backup. */
export interface BackupPoint {
  kind: 'schedule' | 'namespace';
  name: string;
  /** Unix ms of the newest backup (for a namespace: its restore point); undefined: none. */
  at: number | undefined;
  backup: string | undefined;
}

/**
 * The newest backup per schedule (posture summary) and the restore point per protected namespace
 * (the rpo.achieved / rpo.breached findings' evidence), for the plan page's timeline.
 */
export function backupPoints(posture: Posture, schedules: readonly string[], namespaces: readonly string[]): BackupPoint[] {
  const last = posture.summary.lastBackupTimestamp ?? {};
  const scheduleNames = [...new Set([...schedules, ...Object.keys(last)])];
  const byNamespace = new Map<string, { at: number | undefined; backup: string | undefined }>();
  for (const f of posture.findings.filter((x) => x.id === 'rpo.achieved' || x.id === 'rpo.breached')) {
    const ev = f.evidence ?? {};
    const point = typeof ev.restorePoint === 'string' ? Date.parse(ev.restorePoint) : undefined;
    byNamespace.set(String(ev.namespace), { at: point, backup: typeof ev.backup === 'string' ? ev.backup : undefined });
  }
  return [
    ...scheduleNames.map((name): BackupPoint => ({ kind: 'schedule', name, at: last[name] !== undefined ? last[name] * 1000 : undefined, backup: undefined })),
    ...namespaces.map((name): BackupPoint => ({ kind: 'namespace', name, ...(byNamespace.get(name) ?? { at: undefined, backup: undefined }) })),
  ];
}
