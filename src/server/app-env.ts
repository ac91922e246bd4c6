import type { Principal } from './auth/roles.js';

/** What middleware leaves on the request context for the handlers after it. */
export interface AppEnv {
  Variables: {
    /** The authenticated caller; undefined on open routes. */
    principal: Principal | undefined;
    /** The route table id (`POST /v1/runs/{run}/approve`), for metrics and the audit journal. */
    routeId: string | undefined;
  };
}
