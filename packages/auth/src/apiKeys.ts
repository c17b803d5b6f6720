import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys of machine clients. Every issuer mints secrets of one shape,
 * `<prefix>_<key id: a uuid's 32 hex digits>_<43 random base64url chars>`: the prefix tells the router
 * which subgraph to ask, the id finds the row in one indexed lookup, and the whole secret is compared
 * by its SHA-256 in constant time. Only the hash is stored.
 */
export const API_KEY_ISSUERS = { sgk: 'users', sgb: 'backups', sgt: 'telemetry' } as const;
export type ApiKeyPrefix = keyof typeof API_KEY_ISSUERS;
export type ApiKeyIssuer = (typeof API_KEY_ISSUERS)[ApiKeyPrefix];

const SECRET_PATTERN = /^(sg[a-z])_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

function toUuid(hex: string) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface MintedApiKey {
  /** The key's id (a uuid): the primary key of the issuer's row. */
  id: string;
  /** Shown to its owner once, never stored. */
  secret: string;
  /** SHA-256 of the secret, hex: what the issuer stores. */
  secretHash: string;
  /** The first characters of the secret, to tell keys apart in a list. */
  displayPrefix: string;
}

export function mintApiKey(prefix: ApiKeyPrefix, id: string = crypto.randomUUID()): MintedApiKey {
  const secret = `${prefix}_${id.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, secretHash: sha256(secret).toString('hex'), displayPrefix: secret.slice(0, 12) };
}

/** The issuer and key id a secret names, or null when it is not of the shape any issuer mints. */
export function parseApiKey(secret: string): { prefix: ApiKeyPrefix; issuer: ApiKeyIssuer; id: string } | null {
  const match = SECRET_PATTERN.exec(secret);
  if (!match || !Object.hasOwn(API_KEY_ISSUERS, match[1])) return null;
  const prefix = match[1] as ApiKeyPrefix;
  return { prefix, issuer: API_KEY_ISSUERS[prefix], id: toUuid(match[2]) };
}

export function apiKeyMatches(secret: string, secretHash: string): boolean {
  const stored = Buffer.from(secretHash, 'hex');
  const given = sha256(secret);
  return stored.length === given.length && timingSafeEqual(stored, given);
}
