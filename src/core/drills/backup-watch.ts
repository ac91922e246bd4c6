import type { BackupRestorer } from '../ports/backup-restorer.js';
import type { Clock } from '../ports/clock.js';
import { Duration } from '../objectives/duration.js';

/**
 * Watches the standby's catalog and calls `onNewBackup` for each protected namespace whose newest
 * restorable backup changed since the last look: component drills "after each new backup". The first
 * look only records what is there. Stops when the signal aborts; a failing look is reported and retried.
 */
export async function watchNewBackups(o: {
  restorer: BackupRestorer;
  namespaces: readonly string[];
  clock: Clock;
  interval?: Duration;
  signal?: AbortSignal;
  onNewBackup: (namespace: string, backup: string) => Promise<void>;
  onError?: (error: unknown) => void;
}): Promise<void> {
  const seen = new Map<string, string>();
  let first = true;
  while (!o.signal?.aborted) {
    try {
      const fresh = await newBackups(o.restorer, o.namespaces, seen);
      await drillEach(first ? [] : fresh, o.onNewBackup);
      first = false;
    } catch (error) {
      o.onError?.(error);
    }
    await o.clock.sleep(o.interval ?? Duration.seconds(30), o.signal).catch(() => undefined);
  }
}

/** Namespaces whose newest restorable backup differs from the one `seen` holds (and records the new ones). */
async function newBackups(restorer: BackupRestorer, namespaces: readonly string[], seen: Map<string, string>): Promise<Array<[string, string]>> {
  const fresh: Array<[string, string]> = [];
  for (const ns of namespaces) {
    const newest = (await restorer.newestRestorableBackup(ns, { acceptPartiallyFailed: false }))?.name;
    if (!newest || seen.get(ns) === newest) continue;
    seen.set(ns, newest);
    fresh.push([ns, newest]);
  }
  return fresh;
}

async function drillEach(fresh: ReadonlyArray<[string, string]>, onNewBackup: (ns: string, backup: string) => Promise<void>): Promise<void> {
  for (const [ns, backup] of fresh) await onNewBackup(ns, backup);
}
