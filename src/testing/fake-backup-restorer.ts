import type { BackupRestorer, RestorableBackup, RestoreRequest, RestoreState } from '../core/ports/backup-restorer.js';
import type { FakeClusterOperator } from './fake-cluster-operator.js';

/**
 * Velero in one region, in memory. A restore goes New -> InProgress -> `outcome` over `polls` reads,
 * and on Completed the backup's Deployments appear in the target FakeClusterOperator, available.
 */
export class FakeBackupRestorer implements BackupRestorer {
  readonly backups: Array<RestorableBackup & { namespaces: string[]; deployments: Array<{ namespace: string; name: string; replicas: number }> }> = [];
  readonly restores = new Map<string, RestoreState & { namespace: string; target?: string; labels: Record<string, string>; reads: number }>();
  created = 0;
  outcome: 'Completed' | 'PartiallyFailed' | 'Failed' | 'FailedValidation' = 'Completed';
  /** Velero's validation errors when `outcome` is FailedValidation. */
  validationErrors: string[] = [];
  /** The next this many restores end FailedValidation because the storage location is Unavailable. */
  locationUnavailableFor = 0;
  polls = 2;

  constructor(private readonly cluster: FakeClusterOperator) {}

  newestRestorableBackup(namespace: string, options: { acceptPartiallyFailed: boolean }): Promise<RestorableBackup | undefined> {
    const ok = (b: RestorableBackup): boolean => b.phase === 'Completed' || (options.acceptPartiallyFailed && b.phase === 'PartiallyFailed');
    const sorted = this.backups.filter((b) => b.namespaces.includes(namespace) && ok(b)).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    return Promise.resolve(sorted[0]);
  }

  ensureRestore(request: RestoreRequest): Promise<RestoreState> {
    if (!this.restores.has(request.name)) {
      this.created++;
      this.restores.set(request.name, { name: request.name, backup: request.backup, phase: 'New', errors: 0, warnings: 0, validationErrors: [], namespace: request.namespace, ...(request.targetNamespace ? { target: request.targetNamespace } : {}), labels: request.labels ?? {}, reads: 0 });
    }
    return this.restoreState(request.name) as Promise<RestoreState>;
  }

  restoreState(name: string): Promise<RestoreState | undefined> {
    const r = this.restores.get(name);
    if (!r) return Promise.resolve(undefined);
    r.reads++;
    if (r.phase === 'New' || r.phase === 'InProgress') r.phase = r.reads > this.polls ? this.finish(r) : 'InProgress';
    const { name: n, backup, phase, errors, warnings, validationErrors } = r;
    return Promise.resolve({ name: n, backup, phase, errors, warnings, validationErrors });
  }

  listRestores(labels: Record<string, string>): Promise<RestoreState[]> {
    const all = [...this.restores.values()].filter((r) => Object.entries(labels).every(([k, v]) => r.labels[k] === v));
    return Promise.resolve(all.map(({ name, backup, phase, errors, warnings, validationErrors }) => ({ name, backup, phase, errors, warnings, validationErrors })));
  }

  /** Restores the backup's objects of `namespace` into `target` (Velero's namespace mapping) or into `namespace`. */
  private finish(r: { backup: string; namespace: string; target?: string; errors: number; validationErrors: string[] }): string {
    if (this.locationUnavailableFor > 0) {
      this.locationUnavailableFor--;
      r.validationErrors = ['The BSL default is unavailable, cannot retrieve the backup'];
      return 'FailedValidation';
    }
    if (this.outcome === 'FailedValidation') {
      r.validationErrors = [...this.validationErrors];
      return this.outcome;
    }
    if (this.outcome !== 'Completed') {
      r.errors = 1;
      return this.outcome;
    }
    const b = this.backups.find((x) => x.name === r.backup);
    const into = r.target ?? r.namespace;
    this.cluster.namespaces.add(into);
    for (const d of b?.deployments.filter((x) => x.namespace === r.namespace) ?? []) this.cluster.deployments.push({ ...d, namespace: into, available: d.replicas });
    return 'Completed';
  }
}
