import type { ServerDeps } from './server-deps.js';
import { adminRoutes, type Reload } from './routes/admin.js';
import { alertRoutes } from './routes/alerts.js';
import { drillRoutes } from './routes/drills.js';
import { evidenceRoutes } from './routes/evidence.js';
import { planRoutes } from './routes/plans.js';
import { runControlRoutes } from './routes/run-control.js';
import { runEventRoutes } from './routes/run-events.js';
import type { RouteDef } from './routes/route-def.js';
import { runRoutes } from './routes/runs.js';
import { systemRoutes } from './routes/system.js';

/**
 * Every route of the API, in registration order (a literal segment before a parameter at the same
 * place: /v1/evidence/{run}/verify before /v1/evidence/{run}/{file}). The authorization matrix test
 * and docs/server.md's role table are generated from this list.
 */
export function routeTable(deps: ServerDeps, o: { document: () => Record<string, unknown>; reload: Reload }): RouteDef[] {
  return [
    ...systemRoutes(deps, o.document),
    ...planRoutes(deps),
    ...runRoutes(deps),
    ...runEventRoutes(deps),
    ...runControlRoutes(deps),
    ...drillRoutes(deps),
    ...evidenceRoutes(deps),
    ...alertRoutes(deps),
    ...adminRoutes(deps, o.reload),
  ];
}
