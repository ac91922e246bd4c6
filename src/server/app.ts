import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ZodError } from 'zod';
import { formatPath } from '../core/plan/issue-path.js';
import type { AppEnv } from './app-env.js';
import { auditCalls } from './audit/audit-calls.js';
import { authorize } from './auth/authorize.js';
import { errorHandler } from './error-handler.js';
import { RequestValidationError } from './errors.js';
import { errorResponses } from './http-schemas.js';
import { redactDeep } from './redact-body.js';
import type { Reload } from './routes/admin.js';
import type { RouteDef } from './routes/route-def.js';
import { routeTable } from './route-table.js';
import type { ServerDeps } from './server-deps.js';

export interface LifeboatApp {
  app: OpenAPIHono<AppEnv>;
  /** The route table the app was built from. */
  routes: RouteDef[];
  /** The OpenAPI 3.1 document (served at /openapi.json). */
  document(): Record<string, unknown>;
}

/** Largest request body accepted (an Alertmanager group of 1000 alerts fits). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP API on Hono: every route from the route table behind its role guard (and, when it changes
 * something, the audit journal), bodies validated by the same zod schemas that document them, every
 * JSON response's strings redacted, errors answered by the one error handler.
 *
 * @example const { app } = createApp(deps, { reload }); serve({ fetch: app.fetch, port: 7480 })
 */
export function createApp(deps: ServerDeps, o: { reload: Reload }): LifeboatApp {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: (result) => { if (!result.success) throw validationError(result.error); } });
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}: see /openapi.json` } }, 404));
  app.use('*', observe(deps), bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: { code: 'payload_too_large', message: `request bodies are limited to ${MAX_BODY_BYTES} bytes` } }, 413) }));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'A token from `lifeboat serve token add`' });
  let document: Record<string, unknown> | undefined;
  const documentOf = (): Record<string, unknown> => (document ??= app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Lifeboat API', version: deps.version, description: 'Disaster-recovery orchestration for Kubernetes: plans, posture, runs, drills, evidence. Roles: viewer < operator < approver < admin.' },
  }) as unknown as Record<string, unknown>);
  const routes = routeTable(deps, { document: documentOf, reload: o.reload });
  for (const def of routes) app.openapi(withGuards(def, deps), def.handler);
  return { app, routes, document: documentOf };
}

function withGuards(def: RouteDef, deps: ServerDeps): RouteConfig {
  const open = def.access === 'open';
  const auth = { tokens: deps.tokens, limiter: deps.limiter, addressOf, now: () => Date.now(), onFailure: (reason: string) => deps.metrics.authFailures.inc({ reason }) };
  const middleware: MiddlewareHandler<AppEnv>[] = [
    async (c, next) => { c.set('routeId', def.id); await next(); },
    ...(def.mutating ? [auditCalls(def.id, { audit: deps.audit, secrets: deps.secrets, logger: deps.logger })] : []),
    authorize(def.access, auth),
  ];
  const role = open ? 'Open: no token needed.' : `Role: \`${def.access}\` or above.`;
  const route: RouteConfig = {
    ...def.route,
    responses: { ...errorResponses(...standardErrors(def)), ...def.route.responses },
    description: [def.route.description, role].filter(Boolean).join('\n\n'),
    security: open ? [] : [{ bearerAuth: [] }],
    middleware,
  };
  return Object.assign(route, { 'x-lifeboat-role': def.access });
}

/** The errors any route of its kind can answer, documented even when its row does not list them. */
function standardErrors(def: RouteDef): Array<400 | 401 | 403 | 415 | 422 | 429> {
  const request = def.route.request ?? {};
  const auth = def.access === 'open' ? [] : ([401, 403, 429] as const);
  const body = request.body ? ([400, 415, 422] as const) : [];
  const params = request.params || request.query || request.headers ? ([422] as const) : [];
  return [...auth, ...body, ...params];
}

/** The socket's remote address; `unknown` when there is no socket (app.request in tests). */
function addressOf(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function validationError(error: ZodError): RequestValidationError {
  return new RequestValidationError(error.issues.map((i) => ({ path: formatPath(i.path) || '(body)', message: i.message })));
}

/** Metrics, security headers and redaction of every JSON body, errors included; file downloads pass untouched. */
function observe(deps: ServerDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (type.includes('application/json') && !c.res.headers.has('content-disposition')) {
      const body: unknown = await c.res.json();
      c.res = new Response(JSON.stringify(redactDeep(body, deps.secrets())), { status: c.res.status, headers: c.res.headers });
    }
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    const labels = { method: c.req.method, route: c.get('routeId') ?? 'unmatched' };
    deps.metrics.requests.inc({ ...labels, status: String(c.res.status) });
    deps.metrics.duration.observe(labels, (performance.now() - started) / 1000);
  };
}
