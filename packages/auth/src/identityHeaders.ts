import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Viewer } from './viewer';

/** Header carrying the caller's identity from the router to a subgraph. */
export const VIEWER_HEADER = 'x-supergraph-viewer';
/** HMAC-SHA256 of the viewer header, keyed with the secret shared by router and subgraphs. */
export const VIEWER_SIGNATURE_HEADER = 'x-supergraph-viewer-signature';

/** How old a signed identity may be. Bounds the replay window of a captured header pair. */
export const DEFAULT_MAX_IDENTITY_AGE_MS = 5 * 60_000;

export class ForgedIdentityError extends Error {}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/** Headers that assert `viewer` to a subgraph. */
export function signViewerHeaders(viewer: Viewer, secret: string, now = Date.now()): Record<string, string> {
  const value = Buffer.from(JSON.stringify({ ...viewer, iat: now })).toString('base64url');
  return { [VIEWER_HEADER]: value, [VIEWER_SIGNATURE_HEADER]: sign(value, secret) };
}

type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null | undefined };

function header(headers: HeaderBag, name: string): string | undefined {
  const raw =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | null | undefined }).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name];
  if (Array.isArray(raw)) return raw[0];
  return raw ?? undefined;
}

/**
 * The viewer a request asserts, or `null` for an anonymous request.
 * Throws `ForgedIdentityError` when an identity is asserted without a valid, fresh signature:
 * such a request did not come from the router and must be refused, not treated as anonymous.
 */
export function verifyViewerHeaders(headers: HeaderBag, secret: string, { now = Date.now(), maxAgeMs = DEFAULT_MAX_IDENTITY_AGE_MS } = {}): Viewer | null {
  const value = header(headers, VIEWER_HEADER);
  const signature = header(headers, VIEWER_SIGNATURE_HEADER);
  if (!value && !signature) return null;
  if (!value || !signature) throw new ForgedIdentityError('Incomplete identity headers');
  const expected = Buffer.from(sign(value, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new ForgedIdentityError('Identity signature does not match');
  }
  let claims: Viewer & { iat?: number };
  try {
    claims = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Viewer & { iat?: number };
  } catch {
    throw new ForgedIdentityError('Identity header is not valid JSON');
  }
  if (typeof claims.iat !== 'number' || Math.abs(now - claims.iat) > maxAgeMs) {
    throw new ForgedIdentityError('Identity header has expired');
  }
  if (typeof claims.userId !== 'string' || !Array.isArray(claims.roles) || !claims.roles.every(isRole)) {
    throw new ForgedIdentityError('Identity header is malformed');
  }
  const viewer: Viewer = { kind: claims.kind === 'apiKey' ? 'apiKey' : 'user', userId: claims.userId, roles: claims.roles };
  if (claims.apiKeyId) viewer.apiKeyId = claims.apiKeyId;
  if (typeof claims.issuer === 'string') viewer.issuer = claims.issuer;
  return viewer;
}

/** Header with the signature of a service-to-service request body. */
export const BODY_SIGNATURE_HEADER = 'x-supergraph-body-signature';

/** Signature for a service-to-service request body (router → users API-key lookup). */
export function signBody(body: string, secret: string): string {
  return sign(`body:${body}`, secret);
}

export function verifyBodySignature(body: string, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
