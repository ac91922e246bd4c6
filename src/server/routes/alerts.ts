import { createRoute, z } from '@hono/zod-openapi';
import { alertmanagerPayloadSchema } from '../alerts/alertmanager-payload.js';
import { AUTH_ERRORS, errorResponses } from '../http-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const outcomeSchema = z.object({
  plan: z.string(),
  action: z.enum(['none', 'page', 'propose', 'auto', 'unknown-plan']),
  reason: z.string(),
  runId: z.string().optional(),
  deduplicated: z.boolean().optional(),
}).openapi('AlertOutcome');

/**
 * POST /v1/alerts: Alertmanager's webhook receiver. Point a `webhook_configs` entry at it with an
 * operator token (`http_config.authorization.credentials`).
 */
export function alertRoutes(deps: ServerDeps): RouteDef[] {
  return [defineRoute('operator', createRoute({
    method: 'post', path: '/v1/alerts', tags: ['alerts'],
    summary: 'Alertmanager webhook (v4): alerts labelled lifeboat_plan (or plan) and region feed the plan\'s trigger: page, propose a failover, or start one (autoFailover)',
    request: { body: { content: { 'application/json': { schema: alertmanagerPayloadSchema } }, required: true } },
    responses: {
      200: { description: 'What was decided per plan', content: { 'application/json': { schema: z.object({ received: z.number().int(), ignored: z.number().int(), plans: z.array(outcomeSchema) }) } } },
      ...errorResponses(...AUTH_ERRORS, 415, 422, 503),
    },
  }), async (c) => c.json(await deps.alerts.receive(c.req.valid('json')), 200))];
}
