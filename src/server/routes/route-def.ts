import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import type { Access } from '../auth/roles.js';
import type { AppEnv } from '../app-env.js';

/**
 * One row of the route table: the OpenAPI route (zod schemas validate the request and document it),
 * the role it needs, and its handler. The app, the OpenAPI document, docs/server.md's role table and
 * the authorization matrix test are all generated from these rows.
 */
export interface RouteDef {
  /** `METHOD /path/{param}` as in the OpenAPI document. */
  id: string;
  access: Access;
  /** POST/PUT/PATCH/DELETE: recorded in the audit journal with the caller. */
  mutating: boolean;
  route: RouteConfig;
  handler: Handler<AppEnv>;
}

/**
 * A typed route row: the handler's input and responses are checked against the route's schemas.
 *
 * @example defineRoute('viewer', createRoute({ method: 'get', path: '/v1/plans', responses }), (c) => c.json(body, 200))
 */
export function defineRoute<R extends RouteConfig>(access: Access, route: R, handler: RouteHandler<R, AppEnv>): RouteDef {
  const method = route.method.toUpperCase();
  return { id: `${method} ${route.path}`, access, mutating: method !== 'GET', route, handler };
}
