import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { BackupRequest, BackupState, BackupTaker } from '../../core/ports/backup-taker.js';
import type { VeleroScheduleManifest } from '../../core/report/render-velero-schedules.js';
import { kubeError } from '../kubernetes/kube-error.js';

export type BackupResult = BackupState;

/**
 * Takes a backup now from a Schedule's template, as `velero backup create --from-schedule` does
 * (labelled with the schedule's name so catalogs see it as that schedule's newest backup).
 */
export class VeleroBackupTrigger implements BackupTaker {
  private readonly api: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig, private readonly namespace = 'velero') {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  static fromConfig(config: { kubeConfig: KubeConfig; veleroNamespace: string }): VeleroBackupTrigger {
    return new VeleroBackupTrigger(config.kubeConfig, config.veleroNamespace);
  }

  async backupFromSchedule(schedule: VeleroScheduleManifest, name: string): Promise<void> {
    const { metadata: tmplMeta, ...spec } = schedule.spec.template;
    const body = {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: this.namespace, labels: { ...tmplMeta.labels, 'velero.io/schedule-name': schedule.metadata.name } },
      spec,
    };
    try {
      await this.api.createNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'backups', body });
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw kubeError(error, 'velero', `create backup ${name}`);
    }
  }

  async ensureBackup(request: BackupRequest): Promise<BackupState> {
    const existing = await this.backup(request.name);
    if (existing) return existing;
    const body = {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: request.name, namespace: this.namespace, labels: { 'app.kubernetes.io/managed-by': 'lifeboat', ...request.labels } },
      spec: { includedNamespaces: request.namespaces, storageLocation: request.storageLocation, ttl: request.ttl },
    };
    try {
      await this.api.createNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'backups', body });
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw kubeError(error, 'velero', `create backup ${request.name}`);
    }
    return (await this.backup(request.name)) ?? { name: request.name, phase: 'New', errors: 0 };
  }

  backupState(name: string): Promise<BackupState | undefined> {
    return this.backup(name);
  }

  async backup(name: string): Promise<BackupResult | undefined> {
    try {
      const b = (await this.api.getNamespacedCustomObject({ group: 'velero.io', version: 'v1', namespace: this.namespace, plural: 'backups', name })) as { status?: { phase?: string; startTimestamp?: string; completionTimestamp?: string; errors?: number } };
      return { name, phase: b.status?.phase ?? 'New', startedAt: b.status?.startTimestamp, completedAt: b.status?.completionTimestamp, errors: b.status?.errors ?? 0 };
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw kubeError(error, 'velero', `get backup ${name}`);
    }
  }
}
