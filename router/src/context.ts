import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { AccessTokenError, verifyAccessToken, type Viewer } from '@supergraph/auth';
import { ErrorCode } from '@supergraph/errors';
import type { ApiKeyVerifier } from './apiKeys';

export interface RouterContext {
  viewer: Viewer | null;
  /** When the caller's access token expires (ms since the epoch); a subscription ends then. */
  expiresAt?: number;
  traceparent?: string;
}

function unauthenticated(message: string, reason: string) {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, reason, http: { status: 401 } } });
}

/**
 * Establishes who is calling: a user with `Authorization: Bearer <JWT>`, a machine client with
 * `x-api-key`, or nobody. Credentials that are present but wrong are refused outright rather than
 * downgraded to anonymous, so a client learns at once that its token expired.
 */
export async function authenticate(
  headers: IncomingMessage['headers'],
  { jwtSecret, apiKeys }: { jwtSecret: string; apiKeys: ApiKeyVerifier },
): Promise<{ viewer: Viewer | null; expiresAt?: number }> {
  const authorization = headers.authorization;
  const apiKey = headers['x-api-key'];
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"', 'malformed');
    try {
      return await verifyAccessToken(match[1], jwtSecret);
    } catch (error) {
      if (error instanceof AccessTokenError) {
        throw unauthenticated(error.reason === 'expired' ? 'Access token has expired' : 'Access token is invalid', error.reason);
      }
      throw error;
    }
  }
  if (typeof apiKey === 'string' && apiKey) {
    const viewer = await apiKeys.verify(apiKey);
    if (!viewer) throw unauthenticated('API key is invalid or revoked', 'invalid');
    return { viewer };
  }
  return { viewer: null };
}

export async function createRouterContext(req: IncomingMessage, options: { jwtSecret: string; apiKeys: ApiKeyVerifier }): Promise<RouterContext> {
  const traceparent = req.headers.traceparent;
  return { ...(await authenticate(req.headers, options)), traceparent: typeof traceparent === 'string' ? traceparent : undefined };
}

/** The same, from graphql-ws `connectionParams` (`authorization`/`Authorization`, `x-api-key`). */
export async function createRouterContextFromParams(params: Record<string, unknown>, options: { jwtSecret: string; apiKeys: ApiKeyVerifier }): Promise<RouterContext> {
  const headers: IncomingMessage['headers'] = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') headers[key.toLowerCase()] = value;
  }
  return authenticate(headers, options);
}
