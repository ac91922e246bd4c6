import { Duration } from '../objectives/duration.js';
import type { CatalogSnapshot, ScheduleRecord } from '../ports/backup-catalog.js';
import { cronGapOf } from '../posture/schedule-facts.js';
import type { DRPlanInput } from './schema.js';

/** What `plan import` knows besides the catalog: names it cannot read from Velero. */
export interface DraftOptions {
  name: string;
  context: string;
  veleroNamespace: string;
}

/** Placeholders a person must replace; `plan import` prints them as comments too. */
export const DRAFT_PLACEHOLDERS = { standbyContext: 'CHANGE-ME-standby-context', ingress: '0.0.0.0', zone: 'example.com.', record: 'app.example.com.', deployment: 'CHANGE-ME-deployment' } as const;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Drafts a DRPlan (mode `adopt`) from the Velero Schedules and storage locations already in a cluster:
 * their namespaces, crons, ttls and locations as they are, an RPO that the slowest schedule meets
 * (largest cron gap + 5m), and placeholders for what Velero cannot tell (the standby, ingress, DNS).
 *
 * @example draftPlanFromCatalog(catalog, { name: 'shop', context: 'prod', veleroNamespace: 'velero' }).spec.backup?.mode // 'adopt'
 */
export function draftPlanFromCatalog(catalog: CatalogSnapshot, options: DraftOptions): DRPlanInput {
  const schedules = [...catalog.schedules].sort((a, b) => a.name.localeCompare(b.name));
  const everything = schedules.length === 0 || schedules.some((s) => s.includedNamespaces.length === 0);
  const names = [...new Set(schedules.flatMap((s) => s.includedNamespaces))].filter((n) => !/[*?]/.test(n)).sort();
  const globs = everything ? ['*'] : [...new Set(schedules.flatMap((s) => s.includedNamespaces))].filter((n) => /[*?]/.test(n)).sort();
  const excluded = schedules.length > 0 ? common(schedules.map((s) => s.excludedNamespaces)) : [];
  return {
    apiVersion: 'lifeboat.dev/v1alpha1',
    kind: 'DRPlan',
    metadata: { name: options.name },
    spec: {
      pattern: 'active-passive',
      regions: [
        { name: 'primary', role: 'primary', context: options.context, ingress: { address: DRAFT_PLACEHOLDERS.ingress }, veleroNamespace: options.veleroNamespace },
        { name: 'standby', role: 'standby', context: DRAFT_PLACEHOLDERS.standbyContext, ingress: { address: DRAFT_PLACEHOLDERS.ingress }, veleroNamespace: options.veleroNamespace },
      ],
      objectives: { rto: '1h', rpo: achievableRpo(schedules).toString() },
      protection: { namespaces: { names: everything ? [] : names, globs, exclude: excluded } },
      backup: {
        mode: 'adopt',
        storageLocations: catalog.locations.map((l) => ({ name: l.name, provider: l.provider, bucket: l.bucket, ...(l.prefix ? { prefix: l.prefix } : {}), config: l.config })),
        schedules: schedules.map(toPlanSchedule),
      },
      traffic: { provider: 'none', zone: DRAFT_PLACEHOLDERS.zone, record: DRAFT_PLACEHOLDERS.record },
      capacity: { type: 'deployment-replicas', deployments: [{ namespace: names[0] ?? 'default', name: DRAFT_PLACEHOLDERS.deployment, standby: 0, active: 1 }] },
    },
  };
}

/** The smallest RPO every schedule meets: its largest cron gap plus 5m to run, the worst of them. */
function achievableRpo(schedules: readonly ScheduleRecord[]): Duration {
  const gaps = schedules.map((s) => cronGapOf(s.cron)).filter((g): g is Duration => g !== undefined);
  return gaps.length === 0 ? Duration.hours(24) : Duration.max(...gaps).plus(FIVE_MINUTES);
}

function toPlanSchedule(s: ScheduleRecord): NonNullable<NonNullable<DRPlanInput['spec']['backup']>['schedules']>[number] {
  return {
    name: s.name,
    cron: s.cron,
    ...(s.includedNamespaces.length > 0 ? { namespaces: s.includedNamespaces } : {}),
    ...(s.includedResources.length > 0 ? { includedResources: s.includedResources } : {}),
    ...(s.excludedResources.length > 0 ? { excludedResources: s.excludedResources } : {}),
    storageLocation: s.storageLocation ?? 'default',
    ...(s.ttl ? { ttl: s.ttl.toString() } : {}),
    ...(s.defaultVolumesToFsBackup !== undefined ? { defaultVolumesToFsBackup: s.defaultVolumesToFsBackup } : {}),
  };
}

function common(lists: readonly string[][]): string[] {
  const [first = [], ...rest] = lists;
  return first.filter((x) => rest.every((l) => l.includes(x))).sort();
}
