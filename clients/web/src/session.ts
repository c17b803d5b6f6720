import { useSession, type Session } from '@supergraph/client-core';
import { createContext, use } from 'react';

export const SessionContext = createContext<Session | null>(null);

/** The app's session store, and its state (re-rendering on sign in, refresh, sign out). */
export function useAppSession() {
  const session = use(SessionContext);
  if (!session) throw new Error('useAppSession outside SessionContext');
  return { session, state: useSession(session) };
}
