import { createHash } from 'node:crypto';
import { BODY_SIGNATURE_HEADER, parseApiKey, signBody, type ApiKeyIssuer, type Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/service-kit';

interface CacheEntry {
  viewer: Viewer | null;
  expiresAt: number;
}

/** Where to verify a key of an issuer (`POST /internal/api-keys/verify` of that subgraph), or undefined when it is not in the supergraph. */
export type VerifyUrlOf = (issuer: ApiKeyIssuer) => string | undefined;

/**
 * Turns an `x-api-key` into an identity by asking the subgraph that issued it (the key's prefix
 * names it: users for partner keys, backups for agents, telemetry for devices), and remembers the
 * answer briefly so a busy machine client costs one lookup per TTL, not per request.
 * A revoked key therefore stops working within `ttlMs`. The router keeps no other state.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly verifyUrlOf: VerifyUrlOf,
    private readonly identitySecret: string,
    private readonly logger: Logger,
    private readonly ttlMs = 30_000,
    private readonly negativeTtlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async verify(secret: string): Promise<Viewer | null> {
    const parsed = secret.length <= 200 ? parseApiKey(secret) : null;
    const verifyUrl = parsed && this.verifyUrlOf(parsed.issuer);
    if (!verifyUrl) return null;
    const cacheKey = createHash('sha256').update(secret).digest('base64url');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > Date.now()) return cached.viewer;
    const body = JSON.stringify({ key: secret });
    const response = await fetch(verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signBody(body, this.identitySecret) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200 && response.status !== 404) {
      this.logger.error('api key verification failed', { status: response.status });
      throw new Error(`API key verification answered ${response.status}`);
    }
    const answer = ((await response.json()) as { viewer: Viewer | null }).viewer;
    // An issuer speaks only for its own keys.
    const viewer = answer && { ...answer, kind: 'apiKey' as const, issuer: parsed.issuer };
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(cacheKey, { viewer, expiresAt: Date.now() + (viewer ? this.ttlMs : this.negativeTtlMs) });
    return viewer;
  }
}
