import { createRoute, z } from '@hono/zod-openapi';
import { AUTH_ERRORS, errorResponses, journalEntrySchema, runParam } from '../http-schemas.js';
import { runDetail, runListItem } from '../runs/run-view.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const runItemSchema = z.object({
  runId: z.string(), plan: z.string(), startedAt: z.string(), lastSeq: z.number().int(),
  state: z.string().openapi({ description: 'run-succeeded, run-failed, run-aborted or unfinished' }),
  drivenHere: z.boolean().openapi({ description: 'This server process drives the run' }),
}).openapi('RunSummary');

const runDetailSchema = z.object({
  runId: z.string(), plan: z.string(), startedBy: z.string().nullable(), state: z.string(),
  chain: z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), seq: z.number(), reason: z.string() })]),
  entries: z.array(journalEntrySchema),
  gates: z.array(z.record(z.string(), z.unknown())),
  steps: z.array(z.object({ id: z.string(), kind: z.string(), phase: z.string(), budgetSeconds: z.number(), elapsedSeconds: z.number().nullable(), attempts: z.number().int(), overBudget: z.boolean() })),
  totalSeconds: z.number().nullable(),
  totalBudgetSeconds: z.number().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
}).openapi('RunDetail');

/** GET /v1/runs and /v1/runs/{run}. */
export function runRoutes(deps: ServerDeps): RouteDef[] {
  return [
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/runs', tags: ['runs'], summary: 'Runs, newest first; ?plan= for one plan\'s',
      request: { query: z.object({ plan: z.string().min(1).max(253).optional() }) },
      responses: { 200: { description: 'Runs', content: { 'application/json': { schema: z.object({ runs: z.array(runItemSchema) }) } } }, ...errorResponses(...AUTH_ERRORS, 422) },
    }), async (c) => {
      const plan = c.req.valid('query').plan;
      const runs = await deps.journal.store.listRuns(plan ? { plan } : {});
      const here = new Set(deps.runs.inFlight());
      return c.json({ runs: runs.map((r) => runListItem(r, here)) }, 200);
    }),
    defineRoute('viewer', createRoute({
      method: 'get', path: '/v1/runs/{run}', tags: ['runs'], summary: 'A run: journal entries, chain verdict, gates, per-step budget vs elapsed, measured RTO/RPO',
      request: { params: runParam },
      responses: { 200: { description: 'The run', content: { 'application/json': { schema: runDetailSchema } } }, ...errorResponses(...AUTH_ERRORS, 404, 422) },
    }), async (c) => {
      const entries = await deps.journal.store.read(c.req.valid('param').run);
      const first = entries[0];
      const plan = first?.kind === 'run-started' ? deps.plans.find(first.plan) : undefined;
      return c.json(runDetail(entries, deps.journal.hasher, plan) as z.infer<typeof runDetailSchema>, 200);
    }),
  ];
}
