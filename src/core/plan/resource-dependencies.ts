import type { Finding, Severity } from '../posture/finding.js';
import { ResourceSet } from './resource-set.js';
import type { ScheduleView } from './schedule-view.js';

/** "When a backup holds any of `when`, it also needs `needs`" and what breaks on restore otherwise. */
interface DependencyRule {
  when: readonly string[];
  needs: readonly string[];
  severity: Severity;
  why: string;
}

const WORKLOADS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs', 'pods'];

const RULES: readonly DependencyRule[] = [
  { when: WORKLOADS, needs: ['serviceaccounts'], severity: 'error', why: 'pods run as a service account; restored without it, their pods are rejected ("serviceaccount not found")' },
  { when: WORKLOADS, needs: ['configmaps', 'secrets'], severity: 'warning', why: 'workloads usually mount or read config maps and secrets; pods that reference missing ones do not start' },
  { when: ['roles'], needs: ['rolebindings'], severity: 'warning', why: 'a role grants nothing until a role binding binds it' },
  { when: ['rolebindings'], needs: ['roles'], severity: 'warning', why: 'a role binding to a role that is not restored grants nothing' },
  { when: ['clusterroles'], needs: ['clusterrolebindings'], severity: 'warning', why: 'a cluster role grants nothing until it is bound' },
  { when: ['clusterrolebindings'], needs: ['clusterroles'], severity: 'warning', why: 'a binding to a cluster role that is not restored grants nothing' },
  { when: ['ingresses'], needs: ['services'], severity: 'error', why: 'ingress rules route to services; without them the restored ingress has no backends' },
];

/**
 * `restore.missing-dependency`: resources a backup holds whose restore needs resources it leaves out.
 * Checked only when the backup names its resources (or excludes some): "everything" restores whole.
 * Claims need their volumes unless volume data travels as snapshots or file-system backups, and named
 * custom resources need their CustomResourceDefinitions.
 *
 * @example missingDependencies(view) // [{ id: 'restore.missing-dependency', ... serviceaccounts ... }]
 */
export function missingDependencies(view: ScheduleView): Finding[] {
  const set = new ResourceSet(view.resources.included, view.resources.excluded);
  const rules = [...RULES, ...volumeRule(view), ...crdRule(set)];
  return rules.flatMap((rule) => {
    const present = rule.when.filter((r) => set.has(r));
    const missing = rule.needs.filter((r) => !set.has(r));
    if (present.length === 0 || missing.length === 0) return [];
    return [finding(view, rule, { present, missing })];
  });
}

function volumeRule(view: ScheduleView): DependencyRule[] {
  if (view.snapshotVolumes || view.fsBackup) return [];
  return [{ when: ['persistentvolumeclaims'], needs: ['persistentvolumes'], severity: 'error', why: 'claims restored without their volumes and without snapshots or file-system backups stay Pending or bind to empty volumes' }];
}

function crdRule(set: ResourceSet): DependencyRule[] {
  const custom = set.customResources();
  if (custom.length === 0) return [];
  return [{ when: custom, needs: ['customresourcedefinitions'], severity: 'error', why: 'custom resources cannot be created before their CustomResourceDefinitions exist' }];
}

function finding(view: ScheduleView, rule: DependencyRule, { present, missing }: { present: string[]; missing: string[] }): Finding {
  return {
    id: 'restore.missing-dependency',
    severity: rule.severity,
    message: `schedule ${view.name} backs up ${present.join(', ')} but not ${missing.join(', ')}: ${rule.why}`,
    field: view.fields.resources,
    fix: `add ${missing.join(', ')} to the included resources of ${view.name} (or include all resources)`,
    evidence: { schedule: view.name, present, missing },
  };
}
