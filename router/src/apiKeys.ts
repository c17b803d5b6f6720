import { createHash } from 'node:crypto';
import { BODY_SIGNATURE_HEADER, signBody, type Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/service-kit';

interface CacheEntry {
  viewer: Viewer | null;
  expiresAt: number;
}

/**
 * Turns an `x-api-key` into an identity by asking the users subgraph (which owns the keys), and
 * remembers the answer briefly so a busy machine client costs one lookup per TTL, not per request.
 * A revoked key therefore stops working within `ttlMs`. The router keeps no other state.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly verifyUrl: string,
    private readonly identitySecret: string,
    private readonly logger: Logger,
    private readonly ttlMs = 30_000,
    private readonly negativeTtlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async verify(secret: string): Promise<Viewer | null> {
    if (secret.length > 200) return null;
    const cacheKey = createHash('sha256').update(secret).digest('base64url');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > Date.now()) return cached.viewer;
    const body = JSON.stringify({ key: secret });
    const response = await fetch(this.verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signBody(body, this.identitySecret) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200 && response.status !== 404) {
      this.logger.error('api key verification failed', { status: response.status });
      throw new Error(`API key verification answered ${response.status}`);
    }
    const { viewer } = (await response.json()) as { viewer: Viewer | null };
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(cacheKey, { viewer, expiresAt: Date.now() + (viewer ? this.ttlMs : this.negativeTtlMs) });
    return viewer;
  }
}
