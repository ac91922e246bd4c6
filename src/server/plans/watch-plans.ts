import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` (debounced) when a file or directory under `paths` changes, as editors and
 * ConfigMap updates do (Kubernetes swaps a `..data` symlink: the directory sees a rename). Returns
 * a function that stops watching. Paths that cannot be watched are skipped: SIGHUP still reloads.
 */
export function watchPlans(paths: readonly string[], onChange: () => void, debounceMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const path of paths) {
    try {
      watchers.push(watch(path, { persistent: false }, fire));
    } catch {
      // not watchable (gone, or a filesystem without inotify): SIGHUP still reloads
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
