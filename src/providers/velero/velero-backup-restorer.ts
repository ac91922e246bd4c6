import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { BackupRestorer, RestorableBackup, RestoreRequest, RestoreState } from '../../core/ports/backup-restorer.js';
import { kubeError } from '../kubernetes/kube-error.js';

interface VeleroBackup {
  metadata: { name: string };
  spec?: { includedNamespaces?: string[]; excludedNamespaces?: string[]; storageLocation?: string };
  status?: { phase?: string; startTimestamp?: string; completionTimestamp?: string };
}
interface VeleroRestore {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { backupName?: string };
  status?: { phase?: string; errors?: number; warnings?: number; validationErrors?: string[]; progress?: { totalItems?: number; itemsRestored?: number } };
}

/** Velero's Backup/Restore API in one region (through that region's apiserver and its synced catalog). */
export class VeleroBackupRestorer implements BackupRestorer {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig, private readonly namespace = 'velero') {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: { kubeConfig: KubeConfig; veleroNamespace: string }): VeleroBackupRestorer {
    return new VeleroBackupRestorer(config.kubeConfig, config.veleroNamespace);
  }

  async newestRestorableBackup(namespace: string, options: { acceptPartiallyFailed: boolean }): Promise<RestorableBackup | undefined> {
    const list = (await this.call('list backups', () => this.api.listNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'backups' }))) as { items: VeleroBackup[] };
    const ok = new Set(options.acceptPartiallyFailed ? ['Completed', 'PartiallyFailed'] : ['Completed']);
    const candidates = list.items
      .filter((b) => ok.has(b.status?.phase ?? '') && b.status?.startTimestamp && b.status.completionTimestamp)
      .filter((b) => holdsNamespace(b, namespace))
      .sort((x, y) => Date.parse(y.status?.startTimestamp ?? '') - Date.parse(x.status?.startTimestamp ?? ''));
    const b = candidates[0];
    if (!b?.status) return undefined;
    return {
      name: b.metadata.name,
      phase: b.status.phase as RestorableBackup['phase'],
      startedAt: new Date(b.status.startTimestamp ?? 0),
      completedAt: new Date(b.status.completionTimestamp ?? 0),
      storageLocation: b.spec?.storageLocation ?? 'default',
    };
  }

  async ensureRestore(request: RestoreRequest): Promise<RestoreState> {
    const existing = await this.restoreState(request.name);
    if (existing) return existing;
    const body = {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: request.name, namespace: this.namespace, labels: { 'app.kubernetes.io/managed-by': 'lifeboat', ...request.labels } },
      spec: {
        backupName: request.backup,
        includedNamespaces: [request.namespace],
        ...(request.targetNamespace ? { namespaceMapping: { [request.namespace]: request.targetNamespace } } : {}),
      },
    };
    try {
      await this.api.createNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'restores', body });
    } catch (error) {
      // Someone (a crashed earlier attempt) created it between our look and our act: find it.
      if ((error as { code?: number }).code !== 409) throw kubeError(error, 'velero', 'create restore');
    }
    return (await this.restoreState(request.name)) ?? { name: request.name, backup: request.backup, phase: 'New', errors: 0, warnings: 0, validationErrors: [] };
  }

  async restoreState(name: string): Promise<RestoreState | undefined> {
    try {
      const r = (await this.api.getNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'restores', name })) as VeleroRestore;
      return toState(r);
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw kubeError(error, 'velero', 'get restore');
    }
  }

  async listRestores(labels: Record<string, string>): Promise<RestoreState[]> {
    const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
    const list = (await this.call('list restores', () => this.api.listNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'restores', labelSelector }))) as { items: VeleroRestore[] };
    return list.items.map(toState);
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw kubeError(error, 'velero', operation);
    }
  }
}

function toState(r: VeleroRestore): RestoreState {
  const { progress, ...status } = r.status ?? {};
  const st = { phase: 'New', errors: 0, warnings: 0, validationErrors: [] as string[], ...status };
  return { name: r.metadata.name, backup: r.spec?.backupName ?? '', ...st, ...(progress?.itemsRestored === undefined ? {} : { itemsRestored: progress.itemsRestored }) };
}

/** Velero semantics: empty or `*` includes every namespace; globs are allowed; excludes win. */
export function holdsNamespace(b: VeleroBackup, namespace: string): boolean {
  const inc = b.spec?.includedNamespaces ?? [];
  const exc = b.spec?.excludedNamespaces ?? [];
  const match = (pattern: string): boolean => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(namespace);
  const included = inc.length === 0 || inc.some(match);
  return included && !exc.some(match);
}
