/** The fields of an Argo CD Application (argoproj.io/v1alpha1) Lifeboat reads. */
export interface ArgoCdApplication {
  metadata: { name: string };
  /** Present from the moment a sync is requested until the controller finishes it. */
  operation?: unknown;
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    operationState?: { phase?: string; message?: string };
  };
}

/** Where an Application stands for a sync: done, failed, in flight, or needing a sync request. */
export type SyncVerdict =
  | { kind: 'done' }
  | { kind: 'failed'; message: string }
  | { kind: 'in-flight' }
  | { kind: 'needs-sync' };

const FAILED = new Set(['Failed', 'Error']);

/**
 * Reads an Application the way `argocd app sync --wait` does. An operation still on the object
 * (requested, or Running) is in flight; once the controller has cleared it, its operationState's
 * phase decides: Failed/Error is a failure, anything else counts only when the app is Synced and
 * Healthy (health may lag a Succeeded sync, so that is waited for, not re-requested).
 *
 * @example syncVerdict({ metadata: { name: 'payments' }, status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } } }) // { kind: 'done' }
 */
export function syncVerdict(app: ArgoCdApplication, requested: boolean): SyncVerdict {
  if (isInFlight(app)) return { kind: 'in-flight' };
  if (isSyncedAndHealthy(app)) return { kind: 'done' };
  if (!requested) return { kind: 'needs-sync' };
  const { phase = '', message = `sync ${phase}` } = app.status?.operationState ?? {};
  return FAILED.has(phase) ? { kind: 'failed', message } : { kind: 'in-flight' };
}

/** A sync requested and not yet picked up, or one the controller is still running. */
function isInFlight(app: ArgoCdApplication): boolean {
  const phase = app.status?.operationState?.phase;
  return (app.operation !== undefined && app.operation !== null) || phase === 'Running' || phase === 'Terminating';
}

export function isSyncedAndHealthy(app: ArgoCdApplication): boolean {
  return app.status?.sync?.status === 'Synced' && app.status.health?.status === 'Healthy';
}

/**
 * The sync request `argocd app sync` makes through the API server, written straight onto the
 * Application: the controller picks up `operation`, runs it and clears it.
 */
export const SYNC_OPERATION = {
  operation: { initiatedBy: { username: 'lifeboat', automated: false }, sync: { syncStrategy: { hook: {} } } },
} as const;
