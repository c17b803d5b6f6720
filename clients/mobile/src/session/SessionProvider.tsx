// The session for the screens: restored at launch; on each return to the foreground the token is
// brought up to date and `resumes` counts up, so that live screens restart their subscriptions
// (the OS may have closed the socket while the app was suspended).
import { useApolloClient } from '@apollo/client/react';
import { LoginDocument, logout as revokeAndForget, useSession as useSessionState, type Session, type SessionState } from '@supergraph/client-core';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AppState } from 'react-native';
import { resumeSession } from './mobileSession';

interface SessionContextValue {
  /** False until the stored session has been read (show a spinner, not the login screen). */
  restored: boolean;
  state: SessionState | null;
  /** Counts returns to the foreground. */
  resumes: number;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const client = useApolloClient();
  const state = useSessionState(session);
  const [restored, setRestored] = useState(false);
  const [resumes, setResumes] = useState(0);

  useEffect(() => {
    void session.restore().finally(() => setRestored(true));
    const foreground = AppState.addEventListener('change', (appState) => {
      if (appState === 'active') void resumeSession(session).then(() => setResumes((n) => n + 1));
    });
    return () => foreground.remove();
  }, [session]);

  const value = useMemo<SessionContextValue>(
    () => ({
      restored,
      state,
      resumes,
      login: async (email, password) => {
        const { data } = await client.mutate({ mutation: LoginDocument, variables: { input: { email, password } } });
        if (data) await session.signIn(data.login);
      },
      logout: () => revokeAndForget(client, session),
    }),
    [restored, state, resumes, client, session],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
