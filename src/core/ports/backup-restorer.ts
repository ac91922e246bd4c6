/** A backup that can be restored from, as the standby's Velero catalog shows it. */
export interface RestorableBackup {
  name: string;
  phase: 'Completed' | 'PartiallyFailed';
  /** When Velero started reading the cluster: the restored state is no newer than this (the RPO point). */
  startedAt: Date;
  completedAt: Date;
  storageLocation: string;
}

export interface RestoreState {
  name: string;
  backup: string;
  /** Velero's phase: New, InProgress, Completed, PartiallyFailed, Failed, FailedValidation, ... */
  phase: string;
  errors: number;
  warnings: number;
  validationErrors: string[];
  /** Velero's progress: items restored so far (absent until Velero reports it). */
  itemsRestored?: number;
}

export interface RestoreRequest {
  /** Deterministic name (from the run id and namespace), so a re-run finds it instead of creating a twin. */
  name: string;
  backup: string;
  namespace: string;
  /** Restore into another namespace (component drills into a scratch namespace). */
  targetNamespace?: string;
  labels?: Record<string, string>;
}

/** Restores namespaces from Velero backups in one region. Every method looks before it acts. */
export interface BackupRestorer {
  /** The newest Completed backup that holds `namespace` (PartiallyFailed too when accepted). */
  newestRestorableBackup(namespace: string, options: { acceptPartiallyFailed: boolean }): Promise<RestorableBackup | undefined>;
  /** Creates the Restore unless one by that name exists; returns its current state either way. */
  ensureRestore(request: RestoreRequest): Promise<RestoreState>;
  restoreState(name: string): Promise<RestoreState | undefined>;
  /** Restores this process created for a run (label lifeboat.dev/run), to prove there is one per namespace. */
  listRestores(labels: Record<string, string>): Promise<RestoreState[]>;
}
