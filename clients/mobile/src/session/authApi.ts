// The three auth mutations, over plain HTTP: the session must work before (and without) the
// Apollo cache, and a refresh must never go through the link that is waiting for it.
import type { StoredTokens } from './tokens';

const PAYLOAD = 'accessToken refreshToken expiresIn user { id name email }';

export class AuthError extends Error {
  constructor(
    message: string,
    /** The GraphQL error's `extensions.code`, e.g. UNAUTHENTICATED or BAD_USER_INPUT; NETWORK when the router did not answer. */
    readonly code: string,
  ) {
    super(message);
  }
}

export interface AuthApi {
  login(email: string, password: string): Promise<StoredTokens>;
  refresh(refreshToken: string): Promise<StoredTokens>;
  logout(refreshToken: string): Promise<void>;
}

interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: StoredTokens['user'];
}

export function httpAuthApi(graphqlUrl: string, now: () => number = Date.now): AuthApi {
  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    } catch (error) {
      throw new AuthError(`the router did not answer: ${(error as Error).message}`, 'NETWORK');
    }
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const [first] = body.errors ?? [{ message: `HTTP ${response.status}` }];
      throw new AuthError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    }
    return body.data;
  }
  const toTokens = ({ expiresIn, ...rest }: AuthPayload): StoredTokens => ({ ...rest, expiresAt: now() + expiresIn * 1000 });
  return {
    login: async (email, password) =>
      toTokens((await call<{ login: AuthPayload }>(`mutation MobileLogin($input: LoginInput!) { login(input: $input) { ${PAYLOAD} } }`, { input: { email, password } })).login),
    refresh: async (token) => toTokens((await call<{ refreshToken: AuthPayload }>(`mutation MobileRefresh($token: String!) { refreshToken(token: $token) { ${PAYLOAD} } }`, { token })).refreshToken),
    logout: async (token) => void (await call(`mutation MobileLogout($token: String!) { logout(refreshToken: $token) }`, { token })),
  };
}
