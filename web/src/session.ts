import { createContext, useContext } from 'react';
import type { Role, Scope } from './types';

export interface SessionValue {
  id: string;
  email: string;
  role: Role;
  /** Whether the signed-in person's role grants the scope: the app hides what the server would refuse. */
  can: (scope: Scope) => boolean;
  scopes: readonly Scope[];
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside a signed-in page');
  return session;
}
