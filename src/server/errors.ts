import { InputError, LifeboatError } from '../core/errors.js';

/** Thrown when a request carries no bearer token, or one the server does not know (HTTP 401). */
export class UnauthenticatedError extends LifeboatError {}

/** Thrown when the token's role is below the route's (HTTP 403). */
export class ForbiddenError extends LifeboatError {
  constructor(readonly needed: string, readonly held: string) {
    super(`this call needs the ${needed} role; the token has ${held}`);
  }
}

/** Thrown when a client address failed authentication too often (HTTP 429 with Retry-After). */
export class RateLimitedError extends LifeboatError {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed authentications from this address: retry after ${retryAfterSeconds}s`);
  }
}

/** Thrown when the server cannot do something yet, e.g. no drill runner exists for a kind (HTTP 501). */
export class NotImplementedError extends LifeboatError {}

/** Thrown when this replica is not the leader, so it starts no runs (HTTP 503). */
export class NotLeaderError extends LifeboatError {}

/** Thrown when a request's parameters, query or body do not match the route's schema (HTTP 422). */
export class RequestValidationError extends InputError {}
