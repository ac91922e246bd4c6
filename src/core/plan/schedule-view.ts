import { Duration } from '../objectives/duration.js';
import { parseGoDuration } from '../objectives/parse-go-duration.js';
import { formatPath } from './issue-path.js';
import type { NamespaceScope } from './namespace-coverage.js';
import type { DRPlan } from './schema.js';
import type { VeleroScheduleObject } from './velero-schedule.js';

/**
 * One backup schedule as the analysis sees it, whether it comes from a plan or from a live Velero
 * Schedule, with the path of each field so findings can point at it.
 */
export interface ScheduleView {
  name: string;
  cron: string;
  namespaces: NamespaceScope;
  resources: { included: string[]; excluded: string[] };
  storageLocation: string | undefined;
  volumeSnapshotLocations: string[];
  /** The ttl as written, and its value when it parses. */
  ttl: { text: string; value: Duration | undefined };
  snapshotVolumes: boolean;
  fsBackup: boolean;
  expectedDuration: Duration;
  fields: Record<'cron' | 'namespaces' | 'resources' | 'storageLocation' | 'volumeSnapshotLocations' | 'ttl' | 'volumes', string>;
}

/** Velero's server default ttl (`--default-backup-ttl`), used when a Schedule sets none. */
export const VELERO_DEFAULT_TTL = Duration.hours(720);
/** Backup duration assumed when nothing better is known (the plan schema's default). */
export const DEFAULT_BACKUP_DURATION = Duration.minutes(5);

/** Views of a plan's schedules: namespaces and resources default to what spec.protection lists. */
export function planScheduleViews(plan: DRPlan): ScheduleView[] {
  const { protection } = plan.spec;
  return plan.spec.backup.schedules.map((s, i) => {
    const at = (...rest: PropertyKey[]): string => formatPath(['spec', 'backup', 'schedules', i, ...rest]);
    return {
      name: s.name,
      cron: s.cron,
      namespaces: { included: s.namespaces ?? [...protection.namespaces.names, ...protection.namespaces.globs], excluded: protection.namespaces.exclude },
      resources: { included: s.includedResources ?? protection.resources.included, excluded: s.excludedResources ?? protection.resources.excluded },
      storageLocation: s.storageLocation,
      volumeSnapshotLocations: s.volumeSnapshotLocations,
      ttl: { text: s.ttl.toString(), value: s.ttl },
      snapshotVolumes: protection.volumes === 'snapshot',
      fsBackup: s.defaultVolumesToFsBackup ?? protection.volumes === 'fs-backup',
      expectedDuration: s.expectedDuration,
      fields: {
        cron: at('cron'),
        namespaces: s.namespaces ? at('namespaces') : 'spec.protection.namespaces',
        resources: s.includedResources ? at('includedResources') : 'spec.protection.resources.included',
        storageLocation: at('storageLocation'),
        volumeSnapshotLocations: at('volumeSnapshotLocations'),
        ttl: at('ttl'),
        volumes: s.defaultVolumesToFsBackup === undefined ? 'spec.protection.volumes' : at('defaultVolumesToFsBackup'),
      },
    };
  });
}

/** A view of a live Velero Schedule, with Velero's defaults for what it leaves unset. */
export function veleroScheduleView(schedule: VeleroScheduleObject, expectedDuration: Duration = DEFAULT_BACKUP_DURATION): ScheduleView {
  const t = schedule.spec.template;
  const at = (field: string): string => `Schedule/${schedule.metadata.name}.spec.${field}`;
  return {
    name: schedule.metadata.name,
    cron: schedule.spec.schedule,
    ...scopeOf(t),
    ...volumesOf(t),
    ttl: ttlOf(t.ttl),
    expectedDuration,
    fields: {
      cron: at('schedule'),
      namespaces: at('template.includedNamespaces'),
      resources: at('template.includedResources'),
      storageLocation: at('template.storageLocation'),
      volumeSnapshotLocations: at('template.volumeSnapshotLocations'),
      ttl: at('template.ttl'),
      volumes: at('template.snapshotVolumes'),
    },
  };
}

type Template = VeleroScheduleObject['spec']['template'];

function scopeOf(t: Template): Pick<ScheduleView, 'namespaces' | 'resources'> {
  return {
    namespaces: { included: t.includedNamespaces ?? [], excluded: t.excludedNamespaces ?? [] },
    resources: { included: t.includedResources ?? [], excluded: t.excludedResources ?? [] },
  };
}

/** Velero snapshots volumes unless told not to, and copies them with fs-backup only when told to. */
function volumesOf(t: Template): Pick<ScheduleView, 'storageLocation' | 'volumeSnapshotLocations' | 'snapshotVolumes' | 'fsBackup'> {
  return {
    storageLocation: t.storageLocation ?? undefined,
    volumeSnapshotLocations: t.volumeSnapshotLocations ?? [],
    snapshotVolumes: t.snapshotVolumes ?? true,
    fsBackup: t.defaultVolumesToFsBackup ?? false,
  };
}

function ttlOf(text: string | null | undefined): ScheduleView['ttl'] {
  if (text === undefined || text === null || text === '') return { text: '', value: VELERO_DEFAULT_TTL };
  return { text, value: parseGoDuration(text) };
}
