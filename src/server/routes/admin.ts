import { createRoute, z } from '@hono/zod-openapi';
import { AUTH_ERRORS, errorResponses, journalEntrySchema } from '../http-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

/** Reloads plans and tokens as SIGHUP does; given by the wiring. */
export type Reload = () => Promise<{ plans: number; tokens: number }>;

/** GET /v1/audit/{day} and POST /v1/admin/reload: admin only. */
export function adminRoutes(deps: ServerDeps, reload: Reload): RouteDef[] {
  return [
    defineRoute('admin', createRoute({
      method: 'get', path: '/v1/audit/{day}', tags: ['admin'], summary: 'One day of the audit journal (UTC, YYYYMMDD): every mutating call with its actor, and whether the hash chain holds',
      request: { params: z.object({ day: z.string().regex(/^\d{8}$/, 'expected a UTC day as YYYYMMDD').openapi({ param: { name: 'day', in: 'path' }, example: '20261125' }) }) },
      responses: {
        200: { description: 'The day\'s journal', content: { 'application/json': { schema: z.object({ runId: z.string(), chain: z.record(z.string(), z.unknown()), entries: z.array(journalEntrySchema) }) } } },
        ...errorResponses(...AUTH_ERRORS, 404, 422),
      },
    }), async (c) => {
      const runId = `audit-${c.req.valid('param').day}`;
      const { entries, verdict } = await deps.audit.day(runId);
      return c.json({ runId, chain: { ...verdict }, entries }, 200);
    }),
    defineRoute('admin', createRoute({
      method: 'post', path: '/v1/admin/reload', tags: ['admin'], summary: 'Reload plans and tokens now (as SIGHUP); a bad file leaves the loaded set in place and is reported',
      responses: { 200: { description: 'Reloaded', content: { 'application/json': { schema: z.object({ plans: z.number().int(), tokens: z.number().int() }) } } }, ...errorResponses(...AUTH_ERRORS, 400) },
    }), async (c) => c.json(await reload(), 200)),
  ];
}
