import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import type { FailureLimiter } from './failure-limiter.js';
import { hasRole, type Access, type Principal } from './roles.js';
import type { TokenRegistry } from './token-registry.js';

export interface AuthDeps {
  tokens: TokenRegistry;
  limiter: FailureLimiter;
  /** The client's address (the socket's remote address). */
  addressOf: (c: Context<AppEnv>) => string;
  now: () => number;
  onFailure?: (reason: 'missing' | 'unknown' | 'limited' | 'forbidden') => void;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/;

/**
 * The route's guard, run before its request is validated: an open route passes; otherwise the client
 * address must not be rate-limited (429), the `Authorization: Bearer` token must be known (401, which
 * counts as a failure for the limiter) and its role at least the route's (403). The caller is set on
 * the context before the role check, so a refused mutating call is audited with its actor.
 */
export function authorize(access: Access, deps: AuthDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'open') {
      const principal = authenticate(c, deps);
      c.set('principal', principal);
      if (!hasRole(principal.role, access)) {
        deps.onFailure?.('forbidden');
        throw new ForbiddenError(access, principal.role);
      }
    }
    await next();
  };
}

function authenticate(c: Context<AppEnv>, deps: AuthDeps): Principal {
  const address = deps.addressOf(c);
  const now = deps.now();
  notLimited(address, now, deps);
  const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  const principal = token === undefined ? undefined : deps.tokens.authenticate(token);
  if (!principal) {
    deps.limiter.recordFailure(address, now);
    deps.onFailure?.(token === undefined ? 'missing' : 'unknown');
    throw new UnauthenticatedError(token === undefined ? 'this call needs an "Authorization: Bearer <token>" header' : 'the bearer token is not valid');
  }
  return principal;
}

function notLimited(address: string, now: number, deps: AuthDeps): void {
  const wait = deps.limiter.retryAfter(address, now);
  if (wait === 0) return;
  deps.onFailure?.('limited');
  throw new RateLimitedError(wait);
}
