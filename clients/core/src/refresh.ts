import { print } from 'graphql';
import { RefreshTokenDocument, type AuthPayloadFieldsFragment, type RefreshTokenMutation } from './gql/graphql';

/** The API answered the refresh with an error (a used, revoked or expired refresh token): the session is over. */
export class RefreshRefused extends Error {
  constructor(readonly code: string | undefined) {
    super(`refresh refused${code ? ` (${code})` : ''}`);
    this.name = 'RefreshRefused';
  }
}

// Failures on our side: the refresh token may still be good, so the session stays and retries.
const TRANSIENT = new Set(['INTERNAL_SERVER_ERROR', 'SUBGRAPH_UNAVAILABLE', 'RATE_LIMITED', 'SHUTTING_DOWN']);

export type Refresh = (refreshToken: string) => Promise<AuthPayloadFieldsFragment>;

/**
 * Swaps a refresh token for a new pair with a plain POST, outside Apollo Client: the client's own
 * requests wait on the session, so the session cannot wait on the client. Throws RefreshRefused
 * when the API says no, anything else (offline, 5xx) when it could not be asked.
 */
export function fetchRefresh(httpUrl: string, fetchImpl: typeof fetch = fetch): Refresh {
  const query = print(RefreshTokenDocument);
  return async (token) => {
    const response = await fetchImpl(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: { token } }),
    });
    const body = (await response.json().catch(() => null)) as { data?: RefreshTokenMutation | null; errors?: { extensions?: { code?: string } }[] } | null;
    const code = body?.errors?.[0]?.extensions?.code;
    if (body?.errors?.length && !TRANSIENT.has(code ?? '')) throw new RefreshRefused(code);
    if (!response.ok || !body?.data) throw new Error(`refresh failed: HTTP ${response.status}`);
    return body.data.refreshToken;
  };
}
