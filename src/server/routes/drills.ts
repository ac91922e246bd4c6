import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../auth/roles.js';
import { AUTH_ERRORS, errorResponses, planParam, runStartedSchema } from '../http-schemas.js';
import { drillRecordView } from '../plans/plan-views.js';
import { STARTABLE_DRILLS } from '../runs/starters.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const drillSchema = z.object({ plan: z.string(), kind: z.string(), finishedAt: z.string(), succeeded: z.boolean(), measuredRtoSeconds: z.number().nullable(), runId: z.string().nullable() }).openapi('Drill');
const dueSchema = z.looseObject({ plan: z.string(), kind: z.string(), state: z.string(), since: z.string(), handling: z.string() }).openapi('DueDrill');

/** GET /v1/drills and POST /v1/plans/{plan}/drills/{kind}. */
export function drillRoutes(deps: ServerDeps): RouteDef[] {
  return [
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/drills', tags: ['drills'], summary: 'Recorded drills, newest first, and the drills due now; ?plan= for one plan\'s',
      request: { query: z.object({ plan: z.string().min(1).max(253).optional() }) },
      responses: { 200: { description: 'Drills', content: { 'application/json': { schema: z.object({ drills: z.array(drillSchema), due: z.array(dueSchema) }) } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), async (c) => {
      const plan = c.req.valid('query').plan;
      const names = plan ? [deps.plans.get(plan).plan.metadata.name] : deps.plans.names();
      const drills = (await Promise.all(names.map((n) => deps.drills.history.drills(n)))).flat().sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime());
      return c.json({ drills: drills.map(drillRecordView), due: deps.scheduler.dueDrills(plan).map((d) => ({ ...d })) }, 200);
    }),
    defineRoute('operator', createRoute({
      method: 'post', path: '/v1/plans/{plan}/drills/{kind}', tags: ['drills'], summary: 'Start a drill: component (restore test into a scratch namespace) or failover; 501 when this server has no runner for the kind',
      request: {
        params: planParam.extend({ kind: z.enum(STARTABLE_DRILLS).openapi({ param: { name: 'kind', in: 'path' } }) }),
        body: { content: { 'application/json': { schema: z.object({ namespace: z.string().min(1).max(63).optional(), reason: z.string().max(2000).optional() }).openapi('StartDrill') } }, required: false },
      },
      responses: { 202: { description: 'Started', content: { 'application/json': { schema: runStartedSchema } } }, ...errorResponses(...AUTH_ERRORS, 400, 404, 409, 415, 422, 501, 503) },
    }), async (c) => {
      const { plan: name, kind } = c.req.valid('param');
      const plan = deps.plans.get(name);
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const { runId } = await deps.runs.startDrill(kind, { plan, actor: principal ? actorOf(principal) : 'api:unknown', ...(body.namespace ? { namespace: body.namespace } : {}) });
      return c.json({ runId, events: `/v1/runs/${runId}/events` }, 202);
    }),
  ];
}
