import { z } from 'zod';

/** Roles in rising order: each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.output<typeof roleSchema>;

/** The role a route needs, or `open` for the few routes anyone may call (/healthz, /openapi.json). */
export type Access = Role | 'open';

/**
 * True when `held` is `needed` or above it.
 *
 * @example hasRole('approver', 'operator') // true
 */
export function hasRole(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** Who is calling: the token's name (the actor in journals) and its role. */
export interface Principal {
  name: string;
  role: Role;
}

/** How a principal appears in run journals and the audit journal. */
export function actorOf(principal: Principal): string {
  return `api:${principal.name}`;
}
