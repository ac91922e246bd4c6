import type { Json } from '../runbook/json.js';

/**
 * Syncs GitOps applications (Argo CD Applications) in one region and waits until each is synced and
 * healthy. Idempotent: an application already Synced and Healthy is skipped, and a sync already in
 * flight is waited for, not requested again. A sync that ends Failed or Error rejects with a
 * non-retryable StepFailure naming the application; the signal aborts the wait.
 *
 * @example await gitops.sync(['platform-base', 'payments'], { signal })
 */
export interface GitOpsSyncer {
  sync(applications: readonly string[], options: { signal: AbortSignal }): Promise<Json>;
}
