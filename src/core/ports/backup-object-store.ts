/** Velero's `<backup>-resource-list.json.gz`: `group/version/Kind` -> `["namespace/name", ...]`. */
export type ResourceList = Record<string, string[]>;

/**
 * Reads a backup's own files in its bucket (`backups/<name>/...`): what was really written, as opposed
 * to what the catalog says. Returns undefined for files that are not there; throws ProviderError when
 * the store cannot be read.
 */
export interface BackupObjectStore {
  /** `velero-backup.json`: the Backup object as Velero stored it. */
  metadata(backup: string): Promise<Record<string, unknown> | undefined>;
  resourceList(backup: string): Promise<ResourceList | undefined>;
  /** The backup's log, gunzipped; large, so read only on demand. */
  logs(backup: string): Promise<string | undefined>;
}
