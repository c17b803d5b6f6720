export interface StoredTokens {
  accessToken: string;
  /** Single use: every refresh returns a new one, and reusing a spent one revokes the whole family. */
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  user: { id: string; name: string; email: string };
}

/** Where the session outlives the app: the keychain on a phone, sessionStorage in a browser, memory in tests. */
export interface TokenStore {
  load(): Promise<StoredTokens | null>;
  save(tokens: StoredTokens): Promise<void>;
  clear(): Promise<void>;
}

/** Null for anything that is not a whole session (an older app version's format, a truncated write). */
export function parseTokens(text: string | null): StoredTokens | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredTokens>;
    return typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && typeof value.expiresAt === 'number' && value.user ? (value as StoredTokens) : null;
  } catch {
    return null;
  }
}

export function memoryTokenStore(initial: StoredTokens | null = null): TokenStore & { tokens: StoredTokens | null } {
  const store = {
    tokens: initial,
    load: async () => store.tokens,
    save: async (tokens: StoredTokens) => void (store.tokens = tokens),
    clear: async () => void (store.tokens = null),
  };
  return store;
}
