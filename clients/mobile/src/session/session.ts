// The signed-in state of the app as a phone needs it: kept across launches in the device's token
// store, refreshed before the short-lived access token runs out (and when the app comes back to
// the foreground after hours in the background), and never refreshed twice with the same single-use
// refresh token, because a reuse would revoke the session on every device.
import { AuthError, type AuthApi } from './authApi';
import type { StoredTokens, TokenStore } from './tokens';

/** Refresh this long before expiry: a request started just before it must not arrive just after. */
export const REFRESH_MARGIN_MS = 60_000;

type Listener = (tokens: StoredTokens | null) => void;

export class MobileSession {
  private tokens: StoredTokens | null = null;
  private refreshing: Promise<StoredTokens | null> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly api: AuthApi,
    private readonly store: TokenStore,
    private readonly now: () => number = Date.now,
  ) {}

  get current(): StoredTokens | null {
    return this.tokens;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** At launch: the stored session, refreshed if it is stale; null (and nothing stored) if it was revoked. */
  async restore(): Promise<StoredTokens | null> {
    this.tokens = await this.store.load();
    return this.tokens ? this.accessTokens() : null;
  }

  async login(email: string, password: string): Promise<StoredTokens> {
    const tokens = await this.api.login(email, password);
    await this.set(tokens);
    return tokens;
  }

  /**
   * Tokens whose access token is good for at least REFRESH_MARGIN_MS, refreshing if needed; null
   * when signed out. Concurrent callers share one refresh. A network failure keeps the session (the
   * phone may be offline) and rethrows; a refused refresh token signs out.
   */
  async accessTokens(): Promise<StoredTokens | null> {
    if (!this.tokens) return null;
    if (this.tokens.expiresAt - this.now() > REFRESH_MARGIN_MS) return this.tokens;
    this.refreshing ??= this.refresh(this.tokens.refreshToken).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The app came back to the foreground: the access token may have run out meanwhile. */
  resumed(): Promise<StoredTokens | null> {
    return this.accessTokens();
  }

  /** Revokes the refresh token (best effort: offline, the token simply expires) and forgets the session. */
  async logout(): Promise<void> {
    const tokens = this.tokens;
    await this.set(null);
    if (tokens) await this.api.logout(tokens.refreshToken).catch(() => undefined);
  }

  private async refresh(refreshToken: string): Promise<StoredTokens | null> {
    try {
      const tokens = await this.api.refresh(refreshToken);
      await this.set(tokens);
      return tokens;
    } catch (error) {
      if (error instanceof AuthError && error.code === 'NETWORK') throw error;
      await this.set(null);
      return null;
    }
  }

  private async set(tokens: StoredTokens | null) {
    this.tokens = tokens;
    await (tokens ? this.store.save(tokens) : this.store.clear());
    for (const listener of this.listeners) listener(tokens);
  }
}
