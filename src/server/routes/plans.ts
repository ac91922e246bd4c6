import { createRoute, z } from '@hono/zod-openapi';
import { drillSchedule } from '../../core/drills/drill-schedule.js';
import { ForbiddenError } from '../errors.js';
import { hasRole } from '../auth/roles.js';
import { AUTH_ERRORS, errorResponses, findingSchema, planParam } from '../http-schemas.js';
import { drillRecordView, drillRowView, findingsOf, planListItem, rtoView, schedulesView, worstFirst } from '../plans/plan-views.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const planItemSchema = z.object({
  name: z.string(), file: z.string(), pattern: z.string(),
  objectives: z.object({ rto: z.string(), rpo: z.string(), rtoSeconds: z.number(), rpoSeconds: z.number() }),
  achievedRpo: z.object({ namespace: z.string(), seconds: z.number().nullable() }).nullable(),
  status: z.enum(['ok', 'warn', 'breach']),
  findings: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  evaluatedAt: z.string().nullable(),
}).openapi('PlanSummary');

const nullableText = z.string().nullable();
const planDetailSchema = z.object({
  summary: planItemSchema,
  findings: z.array(findingSchema),
  coverage: z.object({ protectedNamespaces: z.array(z.string()), uncoveredNamespaces: z.number().int().nullable(), unprotected: z.array(findingSchema) }),
  schedules: z.object({
    worstCaseRpoSeconds: z.number(), uncoveredNamespaces: z.array(z.string()),
    schedules: z.array(z.object({ name: z.string(), cron: z.string(), storageLocation: z.string(), ttl: z.string(), worstCaseRpoSeconds: z.number().nullable() })),
  }),
  drills: z.object({
    history: z.array(z.object({ plan: z.string(), kind: z.string(), finishedAt: z.string(), succeeded: z.boolean(), measuredRtoSeconds: z.number().nullable(), runId: nullableText })),
    schedule: z.array(z.record(z.string(), z.union([z.string(), z.boolean(), z.null()]))),
    due: z.array(z.looseObject({ kind: z.string(), state: z.string(), handling: z.string() })),
  }),
  rto: z.object({
    objectiveSeconds: z.number(),
    predicted: z.object({ seconds: z.number(), source: z.string() }),
    measured: z.object({ seconds: z.number(), runId: nullableText, at: z.string() }).nullable(),
  }),
}).openapi('PlanDetail');

const postureSchema = z.object({
  plan: z.string(),
  evaluatedAt: z.string(),
  findings: z.array(findingSchema),
  summary: z.record(z.string(), z.unknown()),
  errors: z.array(z.object({ source: z.string(), region: z.string().optional(), unreachable: z.boolean(), message: z.string() })),
}).openapi('Posture');

/** GET /v1/plans, /v1/plans/{plan}, /v1/plans/{plan}/posture. */
export function planRoutes(deps: ServerDeps): RouteDef[] {
  return [
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/plans', tags: ['plans'], summary: 'Every loaded plan with its objectives, achieved RPO and status, worst first',
      responses: { 200: { description: 'Plans', content: { 'application/json': { schema: z.object({ plans: z.array(planItemSchema) }) } } }, ...errorResponses(...AUTH_ERRORS) },
    }), (c) => c.json({ plans: worstFirst(deps.plans.list().map((p) => planListItem(p, deps.posture.get(p.plan.metadata.name)))) }, 200)),
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/plans/{plan}', tags: ['plans'], summary: 'One plan: findings, coverage, schedules, drills and their calendar, predicted vs measured RTO',
      request: { params: planParam },
      responses: { 200: { description: 'The plan', content: { 'application/json': { schema: planDetailSchema } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), async (c) => {
      const loaded = deps.plans.get(c.req.valid('param').plan);
      const name = loaded.plan.metadata.name;
      const posture = deps.posture.get(name);
      const findings = findingsOf(loaded, posture);
      const drills = await deps.drills.history.drills(name);
      return c.json({
        summary: planListItem(loaded, posture),
        findings,
        coverage: {
          protectedNamespaces: loaded.plan.spec.protection.namespaces.names,
          uncoveredNamespaces: posture?.posture.summary.uncoveredNamespaces ?? null,
          unprotected: findings.filter((f) => f.id.startsWith('coverage.')),
        },
        schedules: schedulesView(loaded),
        drills: {
          history: drills.map(drillRecordView),
          schedule: drillSchedule(loaded.plan, drills, deps.journal.clock.now()).map(drillRowView),
          due: deps.scheduler.dueDrills(name).map((d) => ({ ...d })),
        },
        rto: rtoView(loaded, drills),
      }, 200);
    }),
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/plans/{plan}/posture', tags: ['plans'], summary: 'The plan\'s full posture as the scheduler last evaluated it; ?refresh=true evaluates it now (operator)',
      request: { params: planParam, query: z.object({ refresh: z.enum(['true', 'false']).optional() }) },
      responses: { 200: { description: 'Posture', content: { 'application/json': { schema: postureSchema } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), async (c) => {
      const loaded = deps.plans.get(c.req.valid('param').plan);
      const principal = c.get('principal');
      const refresh = c.req.valid('query').refresh === 'true';
      if (refresh && principal && !hasRole(principal.role, 'operator')) throw new ForbiddenError('operator', principal.role);
      const cached = deps.posture.get(loaded.plan.metadata.name);
      const entry = refresh || !cached ? await deps.posture.refresh(loaded) : cached;
      return c.json({
        plan: entry.posture.plan, evaluatedAt: entry.evaluatedAt.toISOString(), findings: entry.posture.findings,
        summary: { ...entry.posture.summary }, errors: entry.errors.map(({ plan: _plan, ...e }) => e),
      }, 200);
    }),
  ];
}
