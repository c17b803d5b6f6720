import { useSyncExternalStore } from 'react';
import type { Session, SessionState } from './session';

/** The session's state, re-rendering on sign in, refresh and sign out. */
export function useSession(session: Session): SessionState | null {
  return useSyncExternalStore(session.subscribe, session.current, session.current);
}
