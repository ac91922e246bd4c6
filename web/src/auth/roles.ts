import type { Role } from '../api/types';

/** Roles in rising order, as the server ranks them: each may do everything the ones before it may. */
export const ROLES: readonly Role[] = ['viewer', 'operator', 'approver', 'admin'];

/** True when `held` is `needed` or above it. */
export function hasRole(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** What each role may do, for tooltips and the sign-in panel. */
export const ROLE_MEANS: Record<Role, string> = {
  viewer: 'may look at everything, change nothing',
  operator: 'may also start failovers, failbacks and drills, and abort runs',
  approver: 'may also approve or reject a run waiting at a gate',
  admin: 'may also read the audit journal and reload plans and tokens',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
