import { Pool } from 'undici';

/** What came back from a subgraph: the raw body, parsed at most once (see `parsed`). */
export interface SubgraphHttpResponse {
  status: number;
  contentType: string;
  cacheControl: string | undefined;
  body: string;
  /** How many callers received this response (more than one: it was deduplicated). */
  sharedBy: number;
  /** The body parsed once, by the first caller that needed it (callers copy it when shared). */
  parsed?: unknown;
}

export interface SubgraphFetcherOptions {
  /** Most keep-alive connections per subgraph origin (requests beyond wait for a free one). */
  connections?: number;
  /** How long an idle connection is kept open (ms). */
  keepAliveTimeout?: number;
  /** Share one upstream request among identical in-flight requests (same key). Default true. */
  dedup?: boolean;
  /**
   * Most callers sharing one upstream request; the next identical caller starts a fresh one. Without
   * a bound, every concurrent request is resumed by the same response at the same moment and the
   * last in line waits for all the others' CPU (latency grows with concurrency). Default 8 (measured
   * on the peer benchmark (bench/peer): as fast as unbounded without subgraph latency, +25% RPS with 50 ms latency).
   */
  maxShared?: number;
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
 * Only the network round trip and one parse are shared: the first caller to need the body parses it
 * into `parsed`, and when the response was shared every caller takes its own deep copy of that (the
 * gateway mutates what it merges; copying costs about a quarter of parsing again). Nothing is kept
 * once the callers have it — this is not a cache.
 */
export class SubgraphFetcher {
  private readonly pools = new Map<string, Pool>();
  private readonly inflight = new Map<string, { response: Promise<SubgraphHttpResponse>; sharedBy: number }>();
  readonly stats: FetcherStats = { requested: 0, sent: 0 };
  private readonly dedup: boolean;
  private readonly maxShared: number;

  constructor(private readonly options: SubgraphFetcherOptions = {}) {
    this.dedup = options.dedup ?? true;
    this.maxShared = options.maxShared ?? 8;
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
    if (pending && pending.sharedBy < this.maxShared) {
      pending.sharedBy++;
      return pending.response;
    }
    const done = () => {
      if (this.inflight.get(dedupKey) === entry) this.inflight.delete(dedupKey);
    };
    // Runs before any caller resumes: from here on nobody joins, so `sharedBy` is final.
    const response = this.send(url, headers, body).then(
      (r) => {
        done();
        r.sharedBy = entry.sharedBy;
        return r;
      },
      (error) => {
        done();
        throw error;
      },
    );
    const entry = { response, sharedBy: 1 };
    this.inflight.set(dedupKey, entry);
    return entry.response;
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
      sharedBy: 1,
    };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }
}
