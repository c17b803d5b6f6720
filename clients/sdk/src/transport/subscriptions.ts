import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient as createSseClient, NetworkError, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { Credentials } from '../auth.js';
import { errorFromStatus, networkError, SupergraphError } from '../errors.js';
import type { FetchLike, OperationRequest } from './http.js';

/** What a transport reports for one operation; every failure arrives as a SupergraphError. */
export interface OperationHandlers {
  next: (result: Result) => void;
  error: (error: SupergraphError) => void;
  complete: () => void;
}

/**
 * How subscriptions travel. `auto` (the default) uses graphql-ws, and graphql-sse over plain HTTP
 * when WebSockets are not available or blocked (no WebSocket implementation, or a socket that
 * never got connected, e.g. behind a proxy that refuses upgrades).
 */
export type SubscriptionTransport = 'auto' | 'websocket' | 'sse';

export interface SubscriptionOptions {
  url: string;
  wsUrl: string;
  transport: SubscriptionTransport;
  fetch: FetchLike;
  /** A WebSocket class; by default the global one (browsers, Node 22+), else the `ws` package. */
  webSocketImpl?: unknown;
  credentials: Credentials;
}

type Result = ExecutionResult<Record<string, unknown>>;

/** A socket refused for its credentials: the router closes with 4403 (graphql-ws's Forbidden). */
const FORBIDDEN_CLOSE = 4403;

const closeCode = (event: unknown) => (typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number' ? event.code : undefined);

/** Whatever a transport reported, as a SupergraphError. */
async function toSupergraphError(error: unknown): Promise<SupergraphError> {
  if (error instanceof SupergraphError) return error;
  if (Array.isArray(error)) return SupergraphError.fromGraphQLErrors(error as GraphQLFormattedError[]);
  if (error instanceof NetworkError && error.response) {
    const response = error.response as { status: number; statusText: string; json?: () => Promise<{ errors?: GraphQLFormattedError[] }> };
    const body = await response.json?.().catch(() => undefined);
    return body?.errors?.length ? SupergraphError.fromGraphQLErrors(body.errors, response.status) : errorFromStatus(response.status, `HTTP ${response.status} ${response.statusText}`);
  }
  const code = closeCode(error);
  if (code === FORBIDDEN_CLOSE) return new SupergraphError('UNAUTHENTICATED', 'The API refused the credentials of the WebSocket connection');
  if (code === 1001) return new SupergraphError('SHUTTING_DOWN', 'The router is shutting down; subscribe again');
  if (code === 1011) return new SupergraphError('INTERNAL_SERVER_ERROR', 'The router could not check the credentials; subscribe again later');
  return networkError(error instanceof Error ? error : new Error(code ? `WebSocket closed with ${code}` : 'WebSocket failed'));
}

/** The transports of one SDK client; `open` starts one operation and returns what stops it. */
export class Subscriptions {
  private sse: SseClient | undefined;
  /** One graphql-ws client per access token: a socket authenticates once, so a new token needs a new socket. */
  private readonly sockets = new Map<string, { client: WsClient; connected: boolean }>();
  private webSocketsBlocked = false;

  constructor(private readonly options: SubscriptionOptions) {}

  open(request: OperationRequest, handlers: OperationHandlers): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    const report = (error: unknown) => void toSupergraphError(error).then(handlers.error);
    const sink = { next: handlers.next, complete: handlers.complete, error: report };
    const viaSse = () => {
      if (!stopped) stop = this.sseClient().subscribe(request, sink);
    };
    void this.webSocketImpl().then((impl) => {
      if (stopped) return;
      if (!impl) return viaSse();
      const socket = this.socket(impl);
      stop = socket.client.subscribe(request, {
        ...sink,
        error: (error: unknown) => {
          // Never connected, and not for its credentials: WebSockets do not get through here.
          if (this.options.transport === 'auto' && !socket.connected && closeCode(error) !== FORBIDDEN_CLOSE) {
            this.webSocketsBlocked = true;
            return viaSse();
          }
          report(error);
        },
      });
    }, report);
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async close() {
    this.sse?.dispose();
    await Promise.all([...this.sockets.values()].map(async ({ client }) => client.dispose()));
    this.sockets.clear();
  }

  private async webSocketImpl(): Promise<unknown> {
    const { transport, webSocketImpl } = this.options;
    if (transport === 'sse' || (transport === 'auto' && this.webSocketsBlocked)) return undefined;
    if (webSocketImpl) return webSocketImpl;
    if ('WebSocket' in globalThis) return (globalThis as { WebSocket: unknown }).WebSocket;
    // `ws` is an optional peer dependency; the name in a variable keeps bundlers from resolving it for browsers.
    const name = 'ws';
    try {
      return ((await import(/* @vite-ignore */ name)) as { default: unknown }).default;
    } catch (error) {
      if (transport === 'websocket') throw new SupergraphError('NETWORK_ERROR', 'No WebSocket implementation: install the `ws` package, or use transport "sse"', { cause: error });
      return undefined;
    }
  }

  private socket(webSocketImpl: unknown) {
    const { credentials, wsUrl } = this.options;
    const key = credentials.token ?? '';
    const existing = this.sockets.get(key);
    if (existing) return existing;
    const entry = { connected: false, client: undefined as unknown as WsClient };
    entry.client = createWsClient({
      url: wsUrl,
      webSocketImpl,
      connectionParams: () => credentials.connectionParams(),
      // Reconnect (with graphql-ws's backoff) only a socket that worked; a refused one reports at once.
      shouldRetry: (event) => entry.connected && closeCode(event) !== undefined && closeCode(event) !== FORBIDDEN_CLOSE,
      on: { connected: () => (entry.connected = true) },
    });
    // An older token's socket closes by itself once its subscriptions end (graphql-ws is lazy).
    this.sockets.set(key, entry);
    return entry;
  }

  private sseClient(): SseClient {
    const { url, fetch, credentials } = this.options;
    this.sse ??= createSseClient({
      url,
      fetchFn: fetch,
      headers: () => credentials.headers(),
      // A failed stream is reported, not retried blindly: a 401 needs a new token, not the same request again.
      retryAttempts: 0,
    });
    return this.sse;
  }
}
