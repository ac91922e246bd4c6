import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictError, InputError, NotFoundError, ProviderError, TimeoutError } from '../core/errors.js';
import { ForbiddenError, NotImplementedError, NotLeaderError, RateLimitedError, RequestValidationError, UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';

/** The body of every error response. `details` carries field paths (input), roles (403) or Retry-After (429). */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers?: Record<string, string>;
}

type Mapping = [new (...args: never[]) => Error, ContentfulStatusCode, string];

/** Most specific first: RequestValidationError is an InputError. */
const MAPPINGS: readonly Mapping[] = [
  [RequestValidationError, 422, 'validation_failed'],
  [InputError, 400, 'invalid_input'],
  [UnauthenticatedError, 401, 'unauthenticated'],
  [ForbiddenError, 403, 'forbidden'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [RateLimitedError, 429, 'rate_limited'],
  [NotImplementedError, 501, 'not_implemented'],
  [ProviderError, 502, 'provider_error'],
  [NotLeaderError, 503, 'not_leader'],
  [TimeoutError, 504, 'timeout'],
];

/**
 * The one place errors become HTTP: a LifeboatError subclass gives its status and code, its message
 * and structured details; anything else is a 500 whose message says only "internal error" (the
 * error itself goes to the log). Never a stack trace.
 *
 * @example errorResponse(new NotFoundError('no plan "shop"')).status // 404
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof HTTPException) return { status: error.status, body: { error: { code: httpCode(error.status), message: error.message || 'request refused' } } };
  const mapping = MAPPINGS.find(([type]) => error instanceof type);
  if (!mapping) return { status: 500, body: { error: { code: 'internal', message: 'internal error: the server log has the details' } } };
  const [, status, code] = mapping;
  const details = detailsOf(error);
  const body: ErrorBody = { error: { code, message: (error as Error).message, ...(details ? { details } : {}) } };
  if (error instanceof RateLimitedError) return { status, body, headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  return error instanceof UnauthenticatedError ? { status, body, headers: { 'WWW-Authenticate': 'Bearer realm="lifeboat"' } } : { status, body };
}

function detailsOf(error: unknown): Record<string, unknown> | undefined {
  if (error instanceof InputError) return { issues: error.issues.map((i) => ({ path: i.path, message: i.message, ...(i.location ? { location: i.location } : {}) })) };
  if (error instanceof ForbiddenError) return { needed: error.needed, held: error.held };
  if (error instanceof RateLimitedError) return { retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof ProviderError) return { provider: error.provider, operation: error.operation, retryable: error.retryable };
  return undefined;
}

function httpCode(status: number): string {
  if (status === 415) return 'unsupported_media_type';
  if (status === 413) return 'payload_too_large';
  return status >= 500 ? 'internal' : 'bad_request';
}

/** Hono's onError: logs server-side failures (5xx) and answers with errorResponse. */
export function errorHandler(logger: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    const r = errorResponse(error);
    if (r.status === 500) logger.error({ err: error.message, name: error.name, path: c.req.path }, 'request failed');
    else if (r.status > 500) logger.warn({ err: error.message, name: error.name, path: c.req.path }, 'request refused');
    return c.json(r.body, r.status, r.headers);
  };
}
