import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ExecutionResult } from 'graphql';
import { signViewerHeaders, type Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/service-kit';
import { identityKey } from '../identity';

export interface UpstreamRequest {
  serviceName: string;
  query: string;
  variables: Record<string, unknown>;
  viewer: Viewer | null;
}

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/** What the router's client sees when a subgraph stays unreachable past the retry bound. */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly serviceName: string,
    readonly waitedMs: number,
  ) {
    super(`Subgraph "${serviceName}" unreachable for ${waitedMs} ms`);
  }
}

/** One subscription held upstream; `timer` runs while its subgraph is unreachable. */
interface Held {
  timer?: NodeJS.Timeout;
  giveUp(): void;
}

interface Upstream {
  client: Client;
  /** Acknowledged by the subgraph and not closed since. */
  connected: boolean;
  held: Set<Held>;
}

/**
 * One graphql-ws connection per subgraph, shared by every subscription this router opens there.
 * Each subscription carries its caller's identity, signed, in `extensions.identity`. If a
 * subgraph restarts, the client reconnects and re-subscribes what is still active (events raised
 * while it was down are not replayed; a subgraph that sends the current state first, as orders
 * does, makes the subscription resume). A subscription whose subgraph stays unreachable for
 * `retryLimitMs` (from the moment the connection was lost, or from the subscription's start if
 * it never connected) ends with `SubgraphUnavailableError` rather than waiting forever.
 */
export class UpstreamConnections {
  private readonly upstreams = new Map<string, Upstream>();
  private active = 0;
  private closed = false;
  private readonly retryLimitMs: number;

  constructor(
    private readonly urlOf: (serviceName: string) => string,
    private readonly identitySecret: string,
    private readonly logger: Logger,
    { retryLimitMs = 30_000 }: { retryLimitMs?: number } = {},
  ) {
    this.retryLimitMs = retryLimitMs;
  }

  /** Upstream subscriptions currently open (for leak checks and metrics). */
  get openSubscriptions() {
    return this.active;
  }

  private upstream(serviceName: string): Upstream {
    let upstream = this.upstreams.get(serviceName);
    if (!upstream) {
      const url = this.urlOf(serviceName).replace(/^http/, 'ws');
      const entry: Upstream = { client: undefined as unknown as Client, connected: false, held: new Set() };
      entry.client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: 5_000,
        keepAlive: 10_000,
        retryAttempts: Number.MAX_SAFE_INTEGER,
        shouldRetry: () => true,
        retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** retries) * (0.5 + Math.random() / 2))),
        on: {
          error: (error) => this.logger.warn('subgraph websocket error', { serviceName, error: String((error as Error)?.message ?? error) }),
          // Re-subscribing follows at once; whatever was waiting for the subgraph is live again.
          connected: () => {
            entry.connected = true;
            for (const held of entry.held) this.stopWaiting(held);
          },
          // Also each failed reconnection attempt; a running timer keeps its start.
          closed: () => {
            entry.connected = false;
            for (const held of entry.held) this.startWaiting(held);
          },
        },
      });
      this.upstreams.set(serviceName, entry);
      upstream = entry;
    }
    return upstream;
  }

  private startWaiting(held: Held) {
    if (this.closed) return;
    // unref: a subscription waiting on its subgraph does not by itself keep the process alive.
    held.timer ??= setTimeout(() => held.giveUp(), this.retryLimitMs).unref();
  }

  private stopWaiting(held: Held) {
    clearTimeout(held.timer);
    held.timer = undefined;
  }

  subscribe(request: UpstreamRequest, sink: UpstreamSink): () => void {
    const extensions = request.viewer ? { identity: signViewerHeaders(request.viewer, this.identitySecret) } : undefined;
    const upstream = this.upstream(request.serviceName);
    this.active++;
    let done = false;
    const held: Held = {
      giveUp: () => {
        if (done) return;
        this.logger.warn('subgraph unreachable past the retry limit; ending its subscription', { serviceName: request.serviceName, retryLimitMs: this.retryLimitMs });
        finish();
        unsubscribe();
        sink.error(new SubgraphUnavailableError(request.serviceName, this.retryLimitMs));
        // Nothing left waiting: drop the client and its backoff, so the next subscription tries afresh.
        if (upstream.held.size === 0 && this.upstreams.get(request.serviceName) === upstream) {
          this.upstreams.delete(request.serviceName);
          void dispose(upstream.client);
        }
      },
    };
    // Once done, nothing more reaches the sink (graphql-ws completes a stream it was told to release).
    const finish = () => {
      if (!done) {
        done = true;
        this.active--;
        this.stopWaiting(held);
        upstream.held.delete(held);
      }
    };
    upstream.held.add(held);
    if (!upstream.connected) this.startWaiting(held);
    const unsubscribe = upstream.client.subscribe<Record<string, unknown>>(
      { query: request.query, variables: request.variables, extensions },
      {
        next: (result) => {
          if (!done) sink.next(result as ExecutionResult);
        },
        error: (error) => {
          if (done) return;
          finish();
          sink.error(error);
        },
        complete: () => {
          if (done) return;
          finish();
          sink.complete();
        },
      },
    );
    return () => {
      finish();
      unsubscribe();
    };
  }

  async close() {
    this.closed = true;
    for (const upstream of this.upstreams.values()) for (const held of upstream.held) this.stopWaiting(held);
    await Promise.all([...this.upstreams.values()].map((u) => dispose(u.client)));
    this.upstreams.clear();
  }
}

/**
 * graphql-ws's dispose() waits for the connection attempt in progress, which may never settle (a
 * subgraph that accepts the socket but never acknowledges it); terminate() settles it at once.
 */
async function dispose(client: Client) {
  const disposing = Promise.resolve(client.dispose()).catch(() => undefined);
  client.terminate();
  await disposing;
}

/** Subscriptions with the same operation, variables and identity share one upstream subscription. */
export function dedupeKey(source: string, operationName: string | undefined, variables: Record<string, unknown>, viewer: Viewer | null): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(JSON.stringify(variables))
    .update('\0')
    .update(identityKey(viewer))
    .digest('base64url');
}
