import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ExecutionResult } from 'graphql';
import { signViewerHeaders, type Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/service-kit';

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

/**
 * One graphql-ws connection per subgraph, shared by every subscription this router opens there.
 * Each subscription carries its caller's identity, signed, in `extensions.identity`. If a
 * subgraph restarts, the client reconnects and re-subscribes what is still active (events raised
 * while it was down are not replayed).
 */
export class UpstreamConnections {
  private readonly clients = new Map<string, Client>();
  private active = 0;

  constructor(
    private readonly urlOf: (serviceName: string) => string,
    private readonly identitySecret: string,
    private readonly logger: Logger,
  ) {}

  /** Upstream subscriptions currently open (for leak checks and metrics). */
  get openSubscriptions() {
    return this.active;
  }

  private client(serviceName: string): Client {
    let client = this.clients.get(serviceName);
    if (!client) {
      const url = this.urlOf(serviceName).replace(/^http/, 'ws');
      client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: 5_000,
        keepAlive: 10_000,
        retryAttempts: Number.MAX_SAFE_INTEGER,
        shouldRetry: () => true,
        retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** retries) * (0.5 + Math.random() / 2))),
        on: { error: (error) => this.logger.warn('subgraph websocket error', { serviceName, error: String((error as Error)?.message ?? error) }) },
      });
      this.clients.set(serviceName, client);
    }
    return client;
  }

  subscribe(request: UpstreamRequest, sink: UpstreamSink): () => void {
    const extensions = request.viewer ? { identity: signViewerHeaders(request.viewer, this.identitySecret) } : undefined;
    this.active++;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        this.active--;
      }
    };
    const unsubscribe = this.client(request.serviceName).subscribe<Record<string, unknown>>(
      { query: request.query, variables: request.variables, extensions },
      {
        next: (result) => sink.next(result as ExecutionResult),
        error: (error) => {
          finish();
          sink.error(error);
        },
        complete: () => {
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
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
    this.clients.clear();
  }
}

/** Subscriptions with the same operation, variables and identity share one upstream subscription. */
export function dedupeKey(source: string, operationName: string | undefined, variables: Record<string, unknown>, viewer: Viewer | null): string {
  const identity = viewer ? `${viewer.kind}:${viewer.userId}:${[...viewer.roles].sort().join(',')}:${viewer.apiKeyId ?? ''}` : 'anonymous';
  return createHash('sha256').update(source).update('\0').update(operationName ?? '').update('\0').update(JSON.stringify(variables)).update('\0').update(identity).digest('base64url');
}
