import { createRoute, z } from '@hono/zod-openapi';
import { AUTH_ERRORS, errorResponses } from '../http-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const healthSchema = z.object({ status: z.literal('ok'), version: z.string(), leader: z.boolean(), plans: z.number().int() }).openapi('Health');

/** /healthz, /openapi.json and /metrics. `document` builds the OpenAPI document (app.ts owns it). */
export function systemRoutes(deps: ServerDeps, document: () => Record<string, unknown>): RouteDef[] {
  return [
    defineRoute('open', createRoute({
      method: 'get', path: '/healthz', tags: ['system'], summary: 'Liveness and readiness: the server answers and has its plans',
      responses: { 200: { description: 'Serving', content: { 'application/json': { schema: healthSchema } } } },
    }), (c) => c.json({ status: 'ok' as const, version: deps.version, leader: deps.leader.isLeader(), plans: deps.plans.list().length }, 200)),
    defineRoute('open', createRoute({
      method: 'get', path: '/openapi.json', tags: ['system'], summary: 'This API as an OpenAPI 3.1 document',
      responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
    }), (c) => c.json(document(), 200)),
    defineRoute('viewer', createRoute({
      method: 'get', path: '/metrics', tags: ['system'], summary: 'Prometheus metrics (posture gauges and the server\'s own series)',
      responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, ...errorResponses(...AUTH_ERRORS) },
    }), async (c) => c.text(await deps.registry.metrics(), 200, { 'Content-Type': deps.registry.contentType })),
  ];
}
