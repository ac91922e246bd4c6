import { z } from '@hono/zod-openapi';

/** `{error: {code, message, details}}`: every error the API answers. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: 'not_found' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
}).openapi('Error');

const name = z.string().min(1).max(253).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" and "-"');

export const planParam = z.object({ plan: name.openapi({ param: { name: 'plan', in: 'path' }, example: 'shop' }) });
export const runParam = z.object({ run: name.openapi({ param: { name: 'run', in: 'path' }, example: 'failover-shop-20261125t031500z-1a2b' }) });

export const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  field: z.string().optional(),
  fix: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
}).openapi('Finding');

/** A journal entry: the envelope every kind has, and the kind's own fields (docs/runbook-engine.md). */
export const journalEntrySchema = z.looseObject({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  prevHash: z.string(),
  hash: z.string(),
}).openapi('JournalEntry');

export const runStartedSchema = z.object({ runId: z.string(), events: z.string().openapi({ description: 'The run\'s event stream' }) }).openapi('RunStarted');

/** The standard error responses, documented on every route they can come from. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 501 | 503>): Record<number, { description: string; content: { 'application/json': { schema: typeof errorSchema } } }> {
  const what: Record<number, string> = {
    400: 'Invalid input', 401: 'Missing or unknown bearer token', 403: 'The token\'s role is too low', 404: 'Not found', 409: 'Conflicts with the current state',
    413: 'Request body over 1 MiB', 415: 'Body is not JSON', 422: 'The request does not match the schema', 429: 'Too many failed authentications (Retry-After)', 501: 'Not implemented in this server', 503: 'This replica is not the leader',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: what[s] ?? String(s), content: { 'application/json': { schema: errorSchema } } }]));
}

/** The errors any authenticated route can answer. */
export const AUTH_ERRORS = [401, 403, 429] as const;
