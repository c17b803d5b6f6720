import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import { Credentials, type TokenRefresher } from './auth.js';
import { SupergraphError } from './errors.js';
import { mutations, queries, subscriptions } from './operations.js';
import { withRetries, type RetryOptions } from './retry.js';
import { postOperation, type FetchLike, type OperationRequest } from './transport/http.js';
import { iterate, type Subscription } from './transport/iterator.js';
import { Subscriptions, type SubscriptionTransport } from './transport/subscriptions.js';

export interface ClientOptions {
  /** The API's HTTP endpoint, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** A user's access token (sent as `Authorization: Bearer …`). */
  token?: string;
  /** A machine client's API key (sent as `x-api-key`); used when there is no token. */
  apiKey?: string;
  /** Called once when the API refuses the token (UNAUTHENTICATED): return a new one and the request is sent again with it. */
  onTokenExpired?: TokenRefresher;
  /** The WebSocket endpoint for subscriptions; by default `url` with `http` turned into `ws`. */
  wsUrl?: string;
  /** `auto` (default): graphql-ws, falling back to SSE where WebSockets are blocked. */
  subscriptionTransport?: SubscriptionTransport;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to the global `WebSocket`, else the `ws` package (Node 20). */
  webSocketImpl?: unknown;
  /** Retries of queries; `false` turns them off. */
  retry?: RetryOptions | false;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** The variables argument: optional when the operation has no required variable. */
type VariablesArgs<V, Rest extends unknown[]> = Record<string, never> extends V ? [variables?: V, ...rest: Rest] : [variables: V, ...rest: Rest];
type RequestMethod<D> = D extends TypedDocumentNode<infer R, infer V> ? (...args: VariablesArgs<V, [options?: CallOptions]>) => Promise<R> : never;
type SubscriptionMethod<D> = D extends TypedDocumentNode<infer R, infer V> ? (...args: VariablesArgs<V, []>) => Subscription<R> : never;

export type SupergraphClient = { [K in keyof typeof queries]: RequestMethod<(typeof queries)[K]> } & { [K in keyof typeof mutations]: RequestMethod<(typeof mutations)[K]> } & {
  [K in keyof typeof subscriptions]: SubscriptionMethod<(typeof subscriptions)[K]>;
} & {
  /** Any query or mutation document (typed when it is a TypedDocumentNode). */
  request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, ...args: VariablesArgs<V, [options?: CallOptions]>): Promise<R>;
  /** Any subscription document. */
  subscribe<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, ...args: VariablesArgs<V, []>): Subscription<R>;
  /** The access token in use (after refreshes, the latest). */
  readonly token: string | undefined;
  /** Uses `token` from now on (e.g. after `login`); sockets opened with the old one keep it until they close. */
  setToken(token: string | undefined): void;
  /** Ends every subscription and closes every connection. */
  close(): Promise<void>;
};

const requests = new WeakMap<DocumentNode, { query: string; operationName?: string; kind: string }>();
function describe(document: DocumentNode) {
  let described = requests.get(document);
  if (!described) {
    const operation = getOperationAST(document);
    if (!operation) throw new TypeError('The document must hold exactly one operation');
    described = { query: print(document), operationName: operation.name?.value, kind: operation.operation };
    requests.set(document, described);
  }
  return described;
}

export function createClient(options: ClientOptions): SupergraphClient {
  const credentials = new Credentials(options.token, options.apiKey, options.onTokenExpired);
  const fetchFn: FetchLike = options.fetch ?? globalThis.fetch;
  // Typed as always there, but absent from old runtimes.
  if (typeof fetchFn !== 'function') throw new TypeError('No fetch: pass one in the options');
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {});
  const transports = new Subscriptions({
    url: options.url,
    wsUrl: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
    transport: options.subscriptionTransport ?? 'auto',
    fetch: fetchFn,
    webSocketImpl: options.webSocketImpl,
    credentials,
  });
  const live = new Set<Subscription<unknown>>();

  async function request(document: DocumentNode, variables?: Record<string, unknown>, callOptions: CallOptions = {}): Promise<unknown> {
    const { query, operationName, kind } = describe(document);
    if (kind === 'subscription') throw new TypeError('Use subscribe() for a subscription');
    const body: OperationRequest = { query, variables, operationName };
    const send = () => {
      const usedToken = credentials.token;
      const attempt = () => postOperation(fetchFn, options.url, body, credentials.headers(), callOptions.signal);
      return { usedToken, result: kind === 'query' ? withRetries(attempt, retry, callOptions.signal) : attempt() };
    };
    const first = send();
    try {
      return await first.result;
    } catch (error) {
      if (!(error instanceof SupergraphError && error.code === 'UNAUTHENTICATED' && (await credentials.renewAfter(first.usedToken, error)))) throw error;
      return send().result;
    }
  }

  function subscribe(document: DocumentNode, variables?: Record<string, unknown>): Subscription<unknown> {
    const { query, operationName, kind } = describe(document);
    if (kind !== 'subscription') throw new TypeError('Use request() for a query or a mutation');
    const subscription = iterate<unknown>((sink) => {
      // Each (re)start is a generation; what an abandoned one still reports is ignored.
      let generation = 0;
      let stop = () => {};
      // One refresh per expiry: set when the token is renewed, cleared by the next event.
      let renewed = false;
      const start = () => {
        const mine = ++generation;
        const usedToken = credentials.token;
        const fail = async (error: SupergraphError) => {
          if (mine !== generation) return;
          generation++;
          stop();
          if (error.code === 'UNAUTHENTICATED' && !renewed && (await credentials.renewAfter(usedToken, error))) {
            renewed = true;
            return start();
          }
          sink.error(error);
        };
        stop = transports.open(
          { query, variables, operationName },
          {
            next: (result) => {
              if (mine !== generation) return;
              if (result.errors?.length) return void fail(SupergraphError.fromGraphQLErrors(result.errors));
              renewed = false;
              sink.next(result.data);
            },
            error: (error) => void fail(error),
            complete: () => mine === generation && sink.complete(),
          },
        );
      };
      start();
      return () => {
        generation++;
        stop();
        live.delete(subscription);
      };
    });
    live.add(subscription);
    return subscription;
  }

  const client = {
    request: (document: DocumentNode, variables?: Record<string, unknown>, callOptions?: CallOptions) => request(document, variables, callOptions),
    subscribe: (document: DocumentNode, variables?: Record<string, unknown>) => subscribe(document, variables),
    get token() {
      return credentials.token;
    },
    setToken(token: string | undefined) {
      credentials.token = token;
    },
    async close() {
      for (const subscription of live) subscription.unsubscribe();
      await transports.close();
    },
  };
  for (const [name, document] of Object.entries({ ...queries, ...mutations })) {
    Object.assign(client, { [name]: (variables?: Record<string, unknown>, callOptions?: CallOptions) => request(document, variables, callOptions) });
  }
  for (const [name, document] of Object.entries(subscriptions)) {
    Object.assign(client, { [name]: (variables?: Record<string, unknown>) => subscribe(document, variables) });
  }
  return client as unknown as SupergraphClient;
}
