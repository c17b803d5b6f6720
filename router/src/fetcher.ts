import { Pool } from 'undici';

/** What came back from a subgraph: the raw body is kept so every caller parses its own copy. */
export interface SubgraphHttpResponse {
  status: number;
  contentType: string;
  cacheControl: string | undefined;
  body: string;
}

export interface SubgraphFetcherOptions {
  /** Most keep-alive connections per subgraph origin (requests beyond wait for a free one). */
  connections?: number;
  /** How long an idle connection is kept open (ms). */
  keepAliveTimeout?: number;
  /** Share one upstream request among identical in-flight requests (same key). Default true. */
  dedup?: boolean;
}

export interface FetcherStats {
  /** Requests the callers asked for. */
  requested: number;
  /** Requests actually sent upstream. */
  sent: number;
}

/**
 * Subgraph HTTP client: one undici keep-alive pool per origin, and in-flight deduplication.
 *
 * Deduplication only ever joins requests whose `dedupKey` is equal: the caller builds that key from
 * everything that decides the answer (URL, body, and the *identity* of the viewer and any other
 * header that is forwarded), so two callers with different identities never share a response.
 * Only the network round trip is shared: each joined caller receives the raw body and parses its
 * own object (the gateway mutates what it merges), and nothing is kept once the response arrives —
 * this is not a cache.
 */
export class SubgraphFetcher {
  private readonly pools = new Map<string, Pool>();
  private readonly inflight = new Map<string, Promise<SubgraphHttpResponse>>();
  readonly stats: FetcherStats = { requested: 0, sent: 0 };
  private readonly dedup: boolean;

  constructor(private readonly options: SubgraphFetcherOptions = {}) {
    this.dedup = options.dedup ?? true;
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? 128,
        pipelining: 1,
        keepAliveTimeout: this.options.keepAliveTimeout ?? 30_000,
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /**
   * POSTs `body` to `url`. With a `dedupKey` (queries only: never a mutation) an identical request
   * already in flight is joined instead of sending another one.
   */
  post(url: URL, headers: Record<string, string>, body: string, dedupKey?: string): Promise<SubgraphHttpResponse> {
    this.stats.requested++;
    if (!this.dedup || dedupKey === undefined) return this.send(url, headers, body);
    const pending = this.inflight.get(dedupKey);
    if (pending) return pending;
    const request = this.send(url, headers, body).finally(() => this.inflight.delete(dedupKey));
    this.inflight.set(dedupKey, request);
    return request;
  }

  private async send(url: URL, headers: Record<string, string>, body: string): Promise<SubgraphHttpResponse> {
    this.stats.sent++;
    const response = await this.pool(url.origin).request({ path: url.pathname + url.search, method: 'POST', headers, body });
    const text = await response.body.text();
    const contentType = response.headers['content-type'];
    const cacheControl = response.headers['cache-control'];
    return {
      status: response.statusCode,
      contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? '',
      cacheControl: Array.isArray(cacheControl) ? cacheControl.join(', ') : cacheControl,
      body: text,
    };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }
}
