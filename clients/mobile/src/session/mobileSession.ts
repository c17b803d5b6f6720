// The session as a phone runs it: @supergraph/client-core's session (refresh before expiry, one
// refresh at a time, refused refresh signs out) kept in the device's storage, plus what a phone
// adds: the app is suspended in the background, where timers do not run and the OS may close the
// socket, so coming back to the foreground must bring the token up to date before anything is sent.
import { createSession, fetchRefresh, type Session, type SessionStorage } from '@supergraph/client-core';

export function createMobileSession({ httpUrl, storage, now }: { httpUrl: string; storage: SessionStorage; now?: () => number }): Session {
  return createSession({ storage, refresh: fetchRefresh(httpUrl), now });
}

/**
 * The app came back to the foreground: a token that expired meanwhile is refreshed now (shared with
 * the overdue refresh timer, which fires at the same moment, so the single-use refresh token is
 * spent once). Offline, the session is kept and null returned; a refused refresh signs out.
 */
export async function resumeSession(session: Session): Promise<string | null> {
  try {
    return await session.accessToken();
  } catch {
    return null;
  }
}
