import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, type Role, type Viewer } from './viewer';

const ISSUER = 'supergraph/users';
const AUDIENCE = 'supergraph';

export interface AccessTokenOptions {
  secret: string;
  /** Lifetime in seconds. Access tokens are short-lived; refresh tokens renew them. */
  ttlSeconds: number;
}

function key(secret: string) {
  return new TextEncoder().encode(secret);
}

export async function issueAccessToken(user: { id: string; roles: Role[] }, { secret, ttlSeconds }: AccessTokenOptions) {
  return new SignJWT({ roles: user.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

export type AccessTokenFailure = 'expired' | 'invalid';

export class AccessTokenError extends Error {
  constructor(
    readonly reason: AccessTokenFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedAccessToken {
  viewer: Viewer;
  /** Expiry, in ms since the epoch: a subscription ends when its token does. */
  expiresAt: number;
}

/** Verifies signature, issuer, audience and expiry; only HS256 is accepted (no `alg: none`). */
export async function verifyAccessToken(token: string, secret: string): Promise<VerifiedAccessToken> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (!payload.sub || typeof payload.exp !== 'number') throw new AccessTokenError('invalid', 'Token lacks subject or expiry');
    return { viewer: { kind: 'user', userId: payload.sub, roles }, expiresAt: payload.exp * 1000 };
  } catch (error) {
    if (error instanceof AccessTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AccessTokenError('expired', 'Access token has expired');
    throw new AccessTokenError('invalid', 'Access token is invalid');
  }
}
