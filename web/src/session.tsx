import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client';
import type { Identity } from './auth/identity';

export interface Session {
  client: ApiClient;
  identity: Identity;
  signOut(reason?: string): void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in session; pages render only inside one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
