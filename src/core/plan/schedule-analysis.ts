import type { Duration } from '../objectives/duration.js';
import type { Finding } from '../posture/finding.js';
import { formatPath } from './issue-path.js';
import { coversNamespace } from './namespace-coverage.js';
import { missingDependencies } from './resource-dependencies.js';
import { planScheduleViews, veleroScheduleView, type ScheduleView } from './schedule-view.js';
import { timingFindings, type TimingContext } from './schedule-timing.js';
import type { DRPlan } from './schema.js';
import { storageFindings, volumeFindings, type StorageContext } from './storage-checks.js';
import type { VeleroScheduleObject } from './velero-schedule.js';

export type { VeleroScheduleObject } from './velero-schedule.js';

/** What live Velero Schedules are judged against (all optional: checks without their input are skipped). */
export interface VeleroScheduleContext extends TimingContext, StorageContext {
  /** Namespaces that must be backed up (names or globs), for `schedule.namespace-uncovered`. */
  protectedNamespaces?: readonly string[];
  /** Measured backup durations by schedule name; 5m is assumed for the others. */
  expectedDurations?: Readonly<Record<string, Duration>>;
}

/**
 * Findings about a plan's backup schedules: cron validity and worst-case RPO against the objective,
 * ttl against retention, namespaces nobody backs up, resources restored without what they need,
 * volume data, and where backups and snapshots are stored. Ids are listed in docs/findings.md.
 *
 * @example analyzeSchedules(plan).map((f) => f.id) // ['schedule.rpo-exceeded'] for hourly backups against a 1h RPO
 */
export function analyzeSchedules(plan: DRPlan): Finding[] {
  const { spec } = plan;
  const ns = spec.protection.namespaces;
  const primary = spec.regions.find((r) => r.role === 'primary') ?? spec.regions[0];
  const protectedItems = [...ns.names, ...ns.globs].filter((n) => coversNamespace({ included: [], excluded: ns.exclude }, n));
  return analyzeViews(planScheduleViews(plan), {
    rpo: spec.objectives.rpo,
    retention: spec.protection.retention,
    primaryLocation: primary?.location,
    storageLocations: spec.backup.storageLocations,
    pvcsInScope: spec.protection.volumes !== 'none',
    protectedNamespaces: protectedItems,
  }, (name) => planNamespaceField(plan, name));
}

/**
 * The same checks for Schedules read from a cluster (adopt mode, posture), with Velero's defaults for
 * unset fields (ttl 720h, snapshotVolumes true). Fields are named `Schedule/<name>.spec...`.
 *
 * @example analyzeVeleroSchedules([seedSchedule], { rpo: Duration.hours(1) })
 */
export function analyzeVeleroSchedules(schedules: readonly VeleroScheduleObject[], ctx: VeleroScheduleContext): Finding[] {
  const views = schedules.map((s) => veleroScheduleView(s, ctx.expectedDurations?.[s.metadata.name]));
  return analyzeViews(views, ctx, () => undefined);
}

function analyzeViews(views: readonly ScheduleView[], ctx: VeleroScheduleContext, fieldOf: (namespace: string) => string | undefined): Finding[] {
  return [
    ...timingFindings(views, ctx),
    ...uncovered(views, ctx.protectedNamespaces ?? [], fieldOf),
    ...views.flatMap((v) => [...missingDependencies(v), ...volumeFindings(v, ctx), ...storageFindings(v, ctx)]),
  ];
}

function uncovered(views: readonly ScheduleView[], namespaces: readonly string[], fieldOf: (namespace: string) => string | undefined): Finding[] {
  return namespaces
    .filter((ns) => !views.some((v) => coversNamespace(v.namespaces, ns)))
    .map((ns) => {
      const field = fieldOf(ns);
      return {
        id: 'schedule.namespace-uncovered', severity: 'error' as const, ...(field === undefined ? {} : { field }),
        message: `protected namespace ${ns} is backed up by no schedule${views.length === 0 ? ' (there are no schedules)' : ` (schedules: ${views.map((v) => v.name).join(', ')})`}: its RPO is unbounded`,
        fix: `add ${ns} to the namespaces of a schedule, or remove it from the protected namespaces`,
        evidence: { namespace: ns, schedules: views.map((v) => v.name) },
      };
    });
}

function planNamespaceField(plan: DRPlan, namespace: string): string {
  const ns = plan.spec.protection.namespaces;
  const name = ns.names.indexOf(namespace);
  if (name >= 0) return formatPath(['spec', 'protection', 'namespaces', 'names', name]);
  return formatPath(['spec', 'protection', 'namespaces', 'globs', ns.globs.indexOf(namespace)]);
}
