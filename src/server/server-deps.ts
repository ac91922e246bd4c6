import type { Registry } from 'prom-client';
import type { Clock } from '../core/ports/clock.js';
import type { DrillHistory } from '../core/ports/drill-history.js';
import type { Hasher } from '../core/ports/hasher.js';
import type { JournalStore } from '../core/ports/journal-store.js';
import type { AlertIntake } from './alerts/alert-intake.js';
import type { AuditLog } from './audit/audit-log.js';
import type { FailureLimiter } from './auth/failure-limiter.js';
import type { TokenRegistry } from './auth/token-registry.js';
import type { EvidenceDir } from './evidence/evidence-dir.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import type { PlanCatalog } from './plans/plan-catalog.js';
import type { PostureCache } from './posture/posture-cache.js';
import type { RunActions } from './runs/run-actions.js';
import type { DrillRunners } from './runs/starters.js';
import type { Leader } from './scheduler/leader.js';
import type { Scheduler } from './scheduler/scheduler.js';

/** Everything the routes use, built by src/wiring/server.ts (tests build it with fakes for the clusters). */
export interface ServerDeps {
  plans: PlanCatalog;
  journal: { store: JournalStore; hasher: Hasher; clock: Clock };
  tokens: TokenRegistry;
  limiter: FailureLimiter;
  audit: AuditLog;
  posture: PostureCache;
  drills: { history: DrillHistory; runners: DrillRunners };
  runs: RunActions;
  alerts: AlertIntake;
  evidence: EvidenceDir;
  scheduler: Scheduler;
  leader: Leader;
  registry: Registry;
  metrics: ServerMetrics;
  /** Secret values to remove from every response (re-read when plans reload). */
  secrets: () => readonly string[];
  logger: Logger;
  /** Lifeboat's version, for /healthz and the OpenAPI document. */
  version: string;
}
