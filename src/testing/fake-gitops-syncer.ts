import { StepFailure } from '../core/errors.js';
import { Duration } from '../core/objectives/duration.js';
import type { Clock } from '../core/ports/clock.js';
import type { GitOpsSyncer } from '../core/ports/gitops-syncer.js';
import type { Json } from '../core/runbook/json.js';

/**
 * Argo CD in memory: applications start OutOfSync; `sync` requests a sync of each one not yet
 * synced (counted in `requests`), waits `syncTakes` on the clock, and then marks them Synced, or
 * fails non-retryably with `failing[app]` as Argo CD's message.
 */
export class FakeGitOpsSyncer implements GitOpsSyncer {
  readonly synced = new Set<string>();
  readonly requests: string[] = [];
  readonly failing: Record<string, string> = {};
  syncTakes = Duration.seconds(20);

  constructor(private readonly clock: Clock) {}

  async sync(applications: readonly string[], options: { signal: AbortSignal }): Promise<Json> {
    const requested = applications.filter((a) => !this.synced.has(a));
    this.requests.push(...requested);
    if (requested.length > 0) await this.clock.sleep(this.syncTakes, options.signal);
    const failed = requested.find((a) => this.failing[a] !== undefined);
    if (failed) throw Object.assign(new StepFailure('gitops-sync', `Argo CD Application ${failed} failed to sync: ${this.failing[failed] ?? ''}`), { retryable: false });
    for (const a of requested) this.synced.add(a);
    return { applications: [...applications], requested };
  }
}
