import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import type { Role } from '../api/types';
import { isRole } from './roles';

/** Who the token belongs to. `name` is undefined when the server does not say. */
export interface Identity {
  role: Role;
  name: string | undefined;
  /** How the role was learned: the server said so, or a refused admin-only read named it. */
  source: 'whoami' | 'probe';
}

/**
 * Learns the token's role without changing anything: GET /v1/whoami when the server has it, else a
 * read only admins may make (GET /v1/audit/00000000) — a 403 names the held role, anything else but
 * 401 means admin. Never a POST, so the audit journal records nothing.
 */
export async function discoverIdentity(client: ApiClient): Promise<Identity> {
  const me = await whoami(client);
  if (me) return me;
  try {
    await client.request('GET', '/v1/audit/00000000');
    return { role: 'admin', name: undefined, source: 'probe' };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 403 && isRole(error.details.held)) return { role: error.details.held, name: undefined, source: 'probe' };
    if (error.status === 404) return { role: 'admin', name: undefined, source: 'probe' };
    throw error;
  }
}

async function whoami(client: ApiClient): Promise<Identity | undefined> {
  try {
    const me = await client.request<{ name?: unknown; role?: unknown }>('GET', '/v1/whoami');
    return isRole(me.role) ? { role: me.role, name: typeof me.name === 'string' ? me.name : undefined, source: 'whoami' } : undefined;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
