import type { Context, MiddlewareHandler } from 'hono';
import type { Json } from '../../core/runbook/json.js';
import type { AppEnv } from '../app-env.js';
import { actorOf } from '../auth/roles.js';
import type { Logger } from '../logger.js';
import { redactDeep } from '../redact-body.js';
import type { AuditLog } from './audit-log.js';

/**
 * Records a mutating call in the audit journal once it has been answered, whatever the answer
 * (a refused approval, a call below the caller's role are audited too): who, which route and path, the status, the validated body
 * (redacted) and the run id the call produced. The response waits for the record, so what a client
 * was told has been audited. A call refused before authentication has no actor and is only logged.
 */
export function auditCalls(routeId: string, deps: { audit: AuditLog; secrets: () => readonly string[]; logger: Logger }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const principal = c.get('principal');
    if (!principal) return;
    const result = await resultOf(c);
    const body = bodyOf(c);
    await deps.audit.record({
      actor: actorOf(principal), role: principal.role, route: routeId, path: c.req.path, status: c.res.status,
      ...(body === undefined ? {} : { body: redactDeep(body, deps.secrets()) }),
      ...(result === undefined ? {} : { result }),
    }).catch((error: unknown) => deps.logger.error({ err: String(error), route: routeId }, 'could not write the audit journal'));
  };
}

function bodyOf(c: Context<AppEnv>): Json | undefined {
  try {
    const body = (c.req.valid as (target: 'json') => unknown)('json');
    return body && typeof body === 'object' && Object.keys(body).length > 0 ? (body as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** What the call produced worth finding again: a run id, a decision, or the error code. */
async function resultOf(c: Context<AppEnv>): Promise<Json | undefined> {
  if (!(c.res.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  const body = (await c.res.clone().json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!body) return undefined;
  const picked = Object.fromEntries(['runId', 'action', 'gate', 'open', 'mode'].filter((k) => k in body).map((k) => [k, body[k] as Json]));
  const error = (body.error as { code?: string } | undefined)?.code;
  if (error) picked.error = error;
  return Object.keys(picked).length > 0 ? picked : undefined;
}
