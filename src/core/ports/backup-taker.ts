export interface BackupRequest {
  /** Deterministic per run, so a re-run finds the backup it already started. */
  name: string;
  namespaces: string[];
  storageLocation: string;
  /** Go duration string, e.g. 720h0m0s. */
  ttl: string;
  labels?: Record<string, string>;
}

export interface BackupState {
  name: string;
  phase: string;
  startedAt?: string;
  completedAt?: string;
  errors: number;
}

/** Takes Velero backups in one region (failback backs up the region that served during the outage). */
export interface BackupTaker {
  /** Creates the Backup unless one by that name exists; returns its state either way. */
  ensureBackup(request: BackupRequest): Promise<BackupState>;
  backupState(name: string): Promise<BackupState | undefined>;
}
