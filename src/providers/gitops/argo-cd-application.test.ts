import { describe, expect, it } from 'vitest';
import { syncVerdict, type ArgoCdApplication, type SyncVerdict } from './argo-cd-application.js';

function app(sync: string | undefined, health: string | undefined, extra: { phase?: string; message?: string; operation?: boolean } = {}): ArgoCdApplication {
  return {
    metadata: { name: 'payments' },
    ...(extra.operation ? { operation: { sync: {} } } : {}),
    status: {
      ...(sync ? { sync: { status: sync } } : {}),
      ...(health ? { health: { status: health } } : {}),
      ...(extra.phase ? { operationState: { phase: extra.phase, ...(extra.message ? { message: extra.message } : {}) } } : {}),
    },
  };
}

describe('syncVerdict', () => {
  it.each<[string, ArgoCdApplication, boolean, SyncVerdict['kind']]>([
    ['Synced and Healthy: nothing to do', app('Synced', 'Healthy'), false, 'done'],
    ['OutOfSync: needs a sync', app('OutOfSync', 'Missing'), false, 'needs-sync'],
    ['Synced but Degraded: needs a sync', app('Synced', 'Degraded'), false, 'needs-sync'],
    ['an old failed sync before we asked: needs a sync, not a failure', app('OutOfSync', 'Healthy', { phase: 'Failed' }), false, 'needs-sync'],
    ['operation requested, not picked up yet', app('OutOfSync', 'Missing', { operation: true }), false, 'in-flight'],
    ['operation Running', app('OutOfSync', 'Progressing', { phase: 'Running', operation: true }), true, 'in-flight'],
    ['Running with the operation already cleared', app('OutOfSync', 'Progressing', { phase: 'Running' }), true, 'in-flight'],
    ['our sync Succeeded, health still Progressing: keep waiting', app('Synced', 'Progressing', { phase: 'Succeeded' }), true, 'in-flight'],
    ['our sync Succeeded, Synced and Healthy', app('Synced', 'Healthy', { phase: 'Succeeded' }), true, 'done'],
    ['our sync Failed', app('OutOfSync', 'Missing', { phase: 'Failed' }), true, 'failed'],
    ['our sync Error', app('OutOfSync', 'Missing', { phase: 'Error' }), true, 'failed'],
  ])('%s', (_case, sut, requested, kind) => {
    expect(syncVerdict(sut, requested).kind).toBe(kind);
  });

  it("carries the controller's message when a sync fails", () => {
    const sut = app('OutOfSync', 'Missing', { phase: 'Failed', message: 'one or more objects failed to apply' });

    expect(syncVerdict(sut, true)).toEqual({ kind: 'failed', message: 'one or more objects failed to apply' });
  });
});
