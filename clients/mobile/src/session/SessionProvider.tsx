// The session for the screens: restored at launch, refreshed when the app returns to the foreground.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { AppState } from 'react-native';
import type { MobileSession } from './session';
import type { StoredTokens } from './tokens';

interface SessionState {
  /** Null until the stored session has been read (show a splash, not the login screen). */
  restored: boolean;
  tokens: StoredTokens | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ session, children }: { session: MobileSession; children: ReactNode }) {
  const [restored, setRestored] = useState(false);
  const [tokens, setTokens] = useState<StoredTokens | null>(session.current);

  useEffect(() => {
    const unsubscribe = session.onChange(setTokens);
    void session
      .restore()
      .catch(() => session.current) // offline at launch: keep the stored session, requests retry later
      .then((restoredTokens) => {
        setTokens(restoredTokens);
        setRestored(true);
      });
    const foreground = AppState.addEventListener('change', (state) => state === 'active' && void session.resumed().catch(() => undefined));
    return () => {
      unsubscribe();
      foreground.remove();
    };
  }, [session]);

  const value = useMemo<SessionState>(
    () => ({ restored, tokens, login: async (email, password) => void (await session.login(email, password)), logout: () => session.logout() }),
    [restored, tokens, session],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
