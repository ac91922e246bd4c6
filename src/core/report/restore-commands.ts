import type { DRPlan, Region } from '../plan/schema.js';

/**
 * One `velero restore create --from-schedule` per schedule, into the standby, for the namespaces that
 * schedule backs up (its own list, else the plan's protected names and globs). Velero picks the
 * schedule's most recent completed backup. Namespaces that the plan selects by label are resolved
 * only against a live cluster, so a selector-only plan restores everything the backup holds.
 *
 * @example restoreCommands(plan, standby)
 *   // ['velero --kubecontext lab-region-b -n velero restore create --from-schedule platform-every-5m --include-namespaces production,monitoring --wait']
 */
export function restoreCommands(plan: DRPlan, standby: Region): string[] {
  const protectedNames = [...plan.spec.protection.namespaces.names, ...plan.spec.protection.namespaces.globs];
  return plan.spec.backup.schedules.map((schedule) => {
    const namespaces = schedule.namespaces ?? protectedNames;
    const include = namespaces.length > 0 ? ` --include-namespaces ${namespaces.join(',')}` : '';
    return `velero --kubecontext ${standby.context} -n ${standby.veleroNamespace} restore create --from-schedule ${schedule.name}${include} --wait`;
  });
}
