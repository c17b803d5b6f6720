import type { AuthPayloadFieldsFragment, SessionUserFragment } from './gql/graphql';
import { RefreshRefused, type Refresh } from './refresh';
import type { SessionStorage } from './storage';

export interface SessionState {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
  /** When it was issued: the refresh is timed on its lifetime. */
  issuedAt: number;
  user: SessionUserFragment;
}

export interface SessionOptions {
  storage: SessionStorage;
  refresh: Refresh;
  /** Refresh this long before expiry (or at half of the token's life if that is sooner). */
  refreshBeforeMs?: number;
  /** First wait before asking again when a refresh could not reach the API; it doubles up to a minute. */
  retryMs?: number;
  storageKey?: string;
  /** Runs one refresh at a time across the sessions sharing `storage` (on the web: navigator.locks, for tabs). */
  lock?: (run: () => Promise<void>) => Promise<void>;
  now?: () => number;
}

export interface Session {
  /** Reads the stored session (once, at start; calls after the first share it): a token about to expire is refreshed at once. */
  restore: () => Promise<SessionState | null>;
  signIn: (payload: AuthPayloadFieldsFragment) => Promise<void>;
  /** Forgets the session here; revoking the refresh token on the server is `logout` (./logout). */
  signOut: () => Promise<void>;
  /** A token good for a request now: waits for a refresh under way, refreshes one that has expired. */
  accessToken: () => Promise<string | null>;
  current: () => SessionState | null;
  /** Called after every change (sign in, refresh, sign out); returns the unsubscribe. */
  subscribe: (listener: () => void) => () => void;
  /** Stops the refresh timer (tests, app teardown). */
  dispose: () => void;
}

/** What storage holds, or null when it holds nothing usable (another version's format, a hand edit). */
function parseStored(stored: string | null): SessionState | null {
  try {
    const parsed = stored ? (JSON.parse(stored) as Partial<SessionState>) : null;
    return parsed?.refreshToken && parsed.accessToken && parsed.user ? (parsed as SessionState) : null;
  } catch {
    return null;
  }
}

export function createSession({ storage, refresh, refreshBeforeMs = 60_000, retryMs = 2_000, storageKey = 'supergraph.session', lock = (run) => run(), now = Date.now }: SessionOptions): Session {
  let state: SessionState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<void> | null = null;
  // Requests made while the stored session is being read wait for it rather than go out anonymous.
  let restoring: Promise<void> | null = null;
  let failures = 0;
  const listeners = new Set<() => void>();

  // At refreshBeforeMs before expiry, or at half-life for short-lived tokens.
  const refreshAt = (s: SessionState) => s.expiresAt - Math.min(refreshBeforeMs, 0.5 * (s.expiresAt - s.issuedAt));

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshNow().catch(() => undefined), Math.max(0, delayMs));
  }

  async function setState(next: SessionState | null) {
    state = next;
    clearTimeout(timer);
    if (next) schedule(refreshAt(next) - now());
    await (next ? storage.setItem(storageKey, JSON.stringify(next)) : storage.removeItem(storageKey));
    listeners.forEach((listener) => listener());
  }

  const fromPayload = (payload: AuthPayloadFieldsFragment): SessionState => ({
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    issuedAt: now(),
    // A JWT's `exp` is in whole seconds: the token may lapse up to a second before expiresIn says.
    expiresAt: now() + payload.expiresIn * 1000 - 1000,
    user: payload.user,
  });

  // One refresh at a time: a refresh token works once, a second use would revoke its whole family.
  // Sessions sharing the storage (browser tabs) take the lock and adopt a newer pair one of them stored.
  async function rotate(current: SessionState) {
    const stored = parseStored(await storage.getItem(storageKey));
    if (stored && stored.refreshToken !== current.refreshToken && stored.issuedAt > current.issuedAt) return setState(stored);
    try {
      const payload = await refresh(current.refreshToken);
      failures = 0;
      if (state === current) await setState(fromPayload(payload));
    } catch (error) {
      if (state !== current) return;
      if (error instanceof RefreshRefused) return setState(null);
      // Unreachable API: keep the session (the refresh token may be good for days) and ask again.
      schedule(Math.min(retryMs * 2 ** failures++, 60_000));
      throw error;
    }
  }

  function refreshNow(): Promise<void> {
    const current = state;
    if (!current) return Promise.resolve();
    refreshing ??= lock(() => rotate(current)).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    restore() {
      restoring ??= (async () => {
        const parsed = parseStored(await storage.getItem(storageKey));
        if (!parsed) return;
        state = parsed;
        if (refreshAt(parsed) <= now()) await refreshNow().catch(() => undefined);
        else schedule(refreshAt(parsed) - now());
        listeners.forEach((listener) => listener());
      })();
      return restoring.then(() => state);
    },
    signIn: (payload) => setState(fromPayload(payload)),
    signOut: () => setState(null),
    async accessToken() {
      await restoring;
      if (refreshing) await refreshing.catch(() => undefined);
      if (state && state.expiresAt <= now()) await refreshNow();
      return state?.accessToken ?? null;
    },
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose: () => clearTimeout(timer),
  };
}
