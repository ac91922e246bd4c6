import { InputError } from '../errors.js';
import type { BackupSchedule, DRPlan } from '../plan/schema.js';
import { formatGoDuration } from './go-duration.js';
import { planRegions } from './plan-regions.js';

/** A velero.io/v1 Schedule manifest as Lifeboat renders it. */
export interface VeleroScheduleManifest {
  apiVersion: 'velero.io/v1';
  kind: 'Schedule';
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    schedule: string;
    useOwnerReferencesInBackup: false;
    template: VeleroBackupTemplate;
  };
}

/** The Backup template inside a Schedule (the fields Lifeboat sets). */
export interface VeleroBackupTemplate {
  metadata: { labels: Record<string, string> };
  includedNamespaces: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  storageLocation: string;
  volumeSnapshotLocations?: string[];
  snapshotVolumes: boolean;
  defaultVolumesToFsBackup: boolean;
  ttl: string;
}

const PLAN_LABEL = 'lifeboat.dev/plan';
const SELECTOR_ANNOTATION = 'lifeboat.dev/namespace-selector';

/**
 * Renders one velero.io/v1 Schedule per schedule in the plan, in the primary region's Velero namespace.
 *
 * Velero selects namespaces only by name or glob (`includedNamespaces`); its `labelSelector` selects
 * objects, not namespaces. So namespaces the plan protects by `protection.namespaces.selector` are not
 * rendered: they are resolved against the live cluster at posture time, and the selector is recorded
 * in the `lifeboat.dev/namespace-selector` annotation so the omission is visible in the manifest.
 *
 * @throws InputError when a schedule would cover no named namespace: an empty `includedNamespaces`
 *   means "every namespace" to Velero, which is never what a selector-only plan asks for.
 * @example renderVeleroSchedules(plan)[0].spec.template.ttl // '720h0m0s'
 */
export function renderVeleroSchedules(plan: DRPlan): VeleroScheduleManifest[] {
  const { primary } = planRegions(plan);
  return plan.spec.backup.schedules.map((schedule, index) => ({
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: schedule.name,
      namespace: primary.veleroNamespace,
      labels: { [PLAN_LABEL]: plan.metadata.name },
      ...selectorAnnotation(plan),
    },
    spec: {
      schedule: schedule.cron,
      useOwnerReferencesInBackup: false,
      template: renderTemplate(plan, schedule, index),
    },
  }));
}

function renderTemplate(plan: DRPlan, schedule: BackupSchedule, index: number): VeleroBackupTemplate {
  const protection = plan.spec.protection;
  const includedNamespaces = schedule.namespaces ?? [...protection.namespaces.names, ...protection.namespaces.globs];
  if (includedNamespaces.length === 0) {
    throw new InputError([{
      path: `spec.backup.schedules.${index}.namespaces`,
      message: 'names no namespace: list namespaces here or in spec.protection.namespaces.names/globs (a label selector is resolved only against the live cluster; Velero would back up every namespace)',
    }]);
  }
  return {
    metadata: { labels: { [PLAN_LABEL]: plan.metadata.name } },
    includedNamespaces,
    ...nonEmpty('excludedNamespaces', protection.namespaces.exclude),
    ...nonEmpty('includedResources', withoutWildcard(schedule.includedResources ?? protection.resources.included)),
    ...nonEmpty('excludedResources', schedule.excludedResources ?? protection.resources.excluded),
    storageLocation: schedule.storageLocation,
    ...nonEmpty('volumeSnapshotLocations', schedule.volumeSnapshotLocations),
    snapshotVolumes: protection.volumes === 'snapshot',
    defaultVolumesToFsBackup: schedule.defaultVolumesToFsBackup ?? protection.volumes === 'fs-backup',
    ttl: formatGoDuration(schedule.ttl),
  };
}

/** `['*']` is Velero's default for included resources; leaving it out keeps the manifest minimal. */
function withoutWildcard(resources: readonly string[]): string[] {
  return resources.includes('*') ? [] : [...resources];
}

function nonEmpty<K extends string>(key: K, values: readonly string[]): Partial<Record<K, string[]>> {
  return values.length > 0 ? ({ [key]: [...values] } as Partial<Record<K, string[]>>) : {};
}

function selectorAnnotation(plan: DRPlan): { annotations?: Record<string, string> } {
  const selector = plan.spec.protection.namespaces.selector;
  if (!selector) return {};
  return { annotations: { [SELECTOR_ANNOTATION]: JSON.stringify(selector) } };
}
