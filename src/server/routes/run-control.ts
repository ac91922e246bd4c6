import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, type Principal } from '../auth/roles.js';
import { AUTH_ERRORS, errorResponses, planParam, runParam, runStartedSchema } from '../http-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const reason = z.string().min(1).max(2000).regex(/\S/, 'must not be blank');
const json = <T extends z.ZodType>(schema: T): { content: { 'application/json': { schema: T } }; required: true } => ({ content: { 'application/json': { schema } }, required: true });

const approvalSchema = z.object({ runId: z.string(), gate: z.string(), approvals: z.number().int(), approvers: z.array(z.string()), open: z.boolean() }).openapi('Approval');
const abortSchema = z.object({ runId: z.string(), mode: z.enum(['requested', 'aborted']), alreadyRequestedBy: z.string().optional(), notUndone: z.array(z.string()).optional() }).openapi('Abort');

function caller(principal: Principal | undefined): string {
  return principal ? actorOf(principal) : 'api:unknown';
}

/** Starting failovers and failbacks; approving, rejecting and aborting runs. */
export function runControlRoutes(deps: ServerDeps): RouteDef[] {
  const start = (kind: 'failover' | 'failback'): RouteDef => defineRoute('operator', createRoute({
    method: 'post', path: `/v1/plans/{plan}/${kind}`, tags: ['runs'],
    summary: kind === 'failover' ? 'Start the plan\'s failover: it waits at the declare gate for approvers (the starter\'s approval does not count)' : 'Start the failback to the recovered primary (declare gate as for a failover)',
    request: { params: planParam, body: json(z.object({ reason: reason.openapi({ description: 'Why, for the audit journal' }) }).openapi('StartRun')) },
    responses: { 202: { description: 'Started: the run is journaled and driven by this server', content: { 'application/json': { schema: runStartedSchema } } }, ...errorResponses(...AUTH_ERRORS, 404, 409, 415, 422, 503) },
  }), async (c) => {
    const plan = deps.plans.get(c.req.valid('param').plan);
    const { runId } = await deps.runs.startRunbook({ plan, kind, actor: caller(c.get('principal')), approve: false });
    return c.json({ runId, events: `/v1/runs/${runId}/events` }, 202);
  });
  return [
    start('failover'),
    start('failback'),
    defineRoute('approver', createRoute({
      method: 'post', path: '/v1/runs/{run}/approve', tags: ['runs'], summary: 'Approve the gate the run waits at (an approver counts once; the starter cannot approve)',
      request: { params: runParam, body: json(z.object({ gate: z.string().min(1).max(253).optional(), comment: z.string().max(2000).optional() }).openapi('Approve')) },
      responses: { 200: { description: 'Approval journaled', content: { 'application/json': { schema: approvalSchema } } }, ...errorResponses(...AUTH_ERRORS, 400, 404, 409, 415, 422) },
    }), async (c) => {
      const body = c.req.valid('json');
      const r = await deps.runs.approve({ runId: c.req.valid('param').run, approver: caller(c.get('principal')), ...(body.gate ? { gate: body.gate } : {}), ...(body.comment ? { reason: body.comment } : {}) });
      return c.json(r, 200);
    }),
    defineRoute('approver', createRoute({
      method: 'post', path: '/v1/runs/{run}/reject', tags: ['runs'], summary: 'Reject the gate the run waits at: the run rolls back and ends failed',
      request: { params: runParam, body: json(z.object({ reason, gate: z.string().min(1).max(253).optional() }).openapi('Reject')) },
      responses: { 200: { description: 'Rejection journaled', content: { 'application/json': { schema: z.object({ runId: z.string(), gate: z.string() }) } } }, ...errorResponses(...AUTH_ERRORS, 400, 404, 409, 415, 422) },
    }), async (c) => {
      const body = c.req.valid('json');
      return c.json(await deps.runs.reject({ runId: c.req.valid('param').run, approver: caller(c.get('principal')), reason: body.reason, ...(body.gate ? { gate: body.gate } : {}) }), 200);
    }),
    defineRoute('operator', createRoute({
      method: 'post', path: '/v1/runs/{run}/abort', tags: ['runs'], summary: 'Abort the run: its driver stops at the next step boundary and runs the compensations',
      request: { params: runParam, body: json(z.object({ reason }).openapi('AbortRun')) },
      responses: { 202: { description: 'Abort journaled', content: { 'application/json': { schema: abortSchema } } }, ...errorResponses(...AUTH_ERRORS, 400, 404, 409, 415, 422) },
    }), async (c) => {
      const r = await deps.runs.abort({ runId: c.req.valid('param').run, actor: caller(c.get('principal')), reason: c.req.valid('json').reason });
      return c.json(r, 202);
    }),
  ];
}
