import './privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { Counter } from 'prom-client';
import { apolloProductionOptions, closeServer, createHttpService, createMetrics, graphqlHandler, listen, maskErrors, type Logger, type Route, type ServiceMetrics } from '@supergraph/service-kit';
import { ApiKeyVerifier } from './apiKeys';
import { PresenceReporter } from './presence';
import { createRouterContext, createRouterContextFromParams, type RouterContext } from './context';
import { AuthenticatedDataSource } from './datasource';
import { SubgraphFetcher, type SubgraphFetcherOptions } from './fetcher';
import { fastGateway } from './executor';
import { createRuntimeGateway } from './runtime';
import { SANDBOX_INITIAL_STATE } from './sandbox';
import { DEFAULT_MAX_BODY_BYTES, documentLimitsGuard, operationLimitsPlugin, type OperationLimits } from './limits';
import { SubscriptionHub } from './subscriptions/hub';
import { SubscriptionPlanner } from './subscriptions/plan';
import { UpstreamConnections } from './subscriptions/upstream';
import { SubscriptionAdmission } from './subscriptions/admission';
import { createHttpSubscriptions } from './subscriptions/http';
import { attachWebSocketServer, type SubscriptionLimits } from './subscriptions/websocket';

export interface RouterConfig {
  supergraphSdl: string;
  /** Overrides of the subgraph URLs written in the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  identitySecret: string;
  jwtSecret: string;
  /** One endpoint for every API key, instead of each key's issuer (`/internal/api-keys/verify` of users, backups or telemetry). */
  apiKeyVerifyUrl?: string;
  production?: boolean;
  corsOrigins?: string[];
  limits: OperationLimits & { maxTokens: number };
  subscriptionLimits?: SubscriptionLimits;
  /** How long a subscription waits for its unreachable subgraph before ending with SUBGRAPH_UNAVAILABLE (default 30 s). */
  subscriptionUpstreamRetryMs?: number;
  /** graphql-ws sockets without credentials are accepted (default: refused with 4403). Subgraphs still authorize. */
  subscriptionsAllowAnonymous?: boolean;
  maxBodyBytes?: number;
  /** Subgraph HTTP: keep-alive connections per subgraph, in-flight deduplication of identical queries (default on). */
  subgraphFetch?: SubgraphFetcherOptions;
  /** `fast` (default): queries run through the compiled executor of executor/; `stock`: @apollo/gateway's own. */
  executor?: 'fast' | 'stock';
  /** How often the live graphql-ws connections are reported to messaging again (default 10 s; each is kept three periods). */
  presenceRefreshMs?: number;
  logger: Logger;
}

export interface RunningRouter {
  url: string;
  port: number;
  /** Subscriptions clients hold, and the distinct upstream subscriptions behind them. */
  subscriptionStats(): { clients: number; upstream: number; shared: number };
  /** Queries served by the fast executor, by @apollo/gateway's, and fast ones whose data needed value completion. */
  executorStats(): { fast: number; stock: number; completion: number };
  close(): Promise<void>;
}

function corsHandler(origins: string[] | undefined) {
  const allowAny = !origins || origins.includes('*');
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin) return false;
    if (!allowAny && !origins.includes(origin)) return false;
    res.setHeader('access-control-allow-origin', allowAny ? '*' : origin);
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'accept, content-type, authorization, x-api-key, apollo-require-preflight, x-apollo-operation-name, traceparent',
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    return false;
  };
}

function requestMetricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors, response }) {
          metrics.requests.inc({ operation: operation?.operation ?? 'unknown', status: String(response.http.status ?? (errors?.length ? 'error' : 200)) });
        },
      };
    },
  };
}

/**
 * The router: `@apollo/gateway` executing query plans over the subgraphs named in the supergraph,
 * on `@apollo/server` over plain `node:http`. Stateless: any number can run side by side.
 */
export async function startRouter(config: RouterConfig, { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {}): Promise<RunningRouter> {
  const { logger } = config;
  const fetcher = new SubgraphFetcher(config.subgraphFetch);
  // One runtime for the supergraph (schema, API schema, planner, data sources), built by the
  // gateway when Apollo Server starts and shared by the fast executor and the subscriptions.
  const { gateway, runtime } = createRuntimeGateway({
    supergraphSdl: config.supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    buildDataSource: (subgraph) => new AuthenticatedDataSource(subgraph, config.identitySecret, fetcher),
    logger,
  });
  const metrics = createMetrics('router');
  const fallbacks = new Counter({
    name: 'router_executor_fallbacks_total',
    help: 'Queries that left the fast executor, by reason (the stock executor ran them, or value completion shaped their data)',
    labelNames: ['reason'] as const,
    registers: [metrics.registry],
  });
  const served = config.executor === 'stock' ? gateway : fastGateway(gateway, runtime, { onFallback: (reason) => fallbacks.inc({ reason }) });

  const routes: Record<string, Route> = {};
  const server = createHttpService({
    routes,
    metrics,
    before: corsHandler(config.corsOrigins),
    ready: async () => {
      const checks = await Promise.all(
        runtime().subgraphs.map((s) =>
          fetch(new URL('/health', s.url), { signal: AbortSignal.timeout(1000) })
            .then((r) => r.ok)
            .catch(() => false),
        ),
      );
      return checks.every(Boolean);
    },
  });

  // Introspection, landing page, suggestions and stack traces: service-kit's production.ts decides.
  const production = apolloProductionOptions<RouterContext>(config.production ?? false, SANDBOX_INITIAL_STATE);
  const apollo = new ApolloServer<RouterContext>({
    gateway: served,
    // index.ts owns SIGINT/SIGTERM and calls close(), which stops Apollo in its order.
    stopOnTerminationSignals: false,
    ...production,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: maskErrors(logger, { exposeStack: !config.production, hideSuggestions: config.production }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), operationLimitsPlugin(config.limits), requestMetricsPlugin(metrics), ...production.plugins],
    logger: { debug: () => {}, info: () => {}, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });
  await apollo.start();
  const { subgraphs } = runtime();
  const urlOf = new Map(subgraphs.map((s) => [s.name, s.url]));
  const verifyUrlOf = (issuer: string) => {
    const issuerUrl = urlOf.get(issuer);
    return config.apiKeyVerifyUrl ?? (issuerUrl ? new URL('/internal/api-keys/verify', issuerUrl).toString() : undefined);
  };
  const apiKeys = new ApiKeyVerifier(verifyUrlOf, config.identitySecret, logger);
  routes['/graphql'] = graphqlHandler({
    apollo,
    guard: documentLimitsGuard(config.limits),
    maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    context: (req) => createRouterContext(req, { jwtSecret: config.jwtSecret, apiKeys }),
  });
  const upstream = new UpstreamConnections((name) => urlOf.get(name)!, config.identitySecret, logger, { retryLimitMs: config.subscriptionUpstreamRetryMs });
  const hub = new SubscriptionHub(new SubscriptionPlanner(runtime()), upstream, logger);
  const subscriptionLimits = config.subscriptionLimits ?? { perConnection: 100, perInstance: 20_000 };
  const admission = new SubscriptionAdmission(runtime().apiGraphQLSchema, config.limits, subscriptionLimits.perInstance, config.production ?? false);
  // Users' sockets make them ONLINE in messaging, when the supergraph has it.
  const messaging = urlOf.get('messaging');
  const presence = messaging ? new PresenceReporter(new URL('/internal/presence', messaging).toString(), config.identitySecret, logger, config.presenceRefreshMs) : undefined;
  const websocket = attachWebSocketServer({
    server,
    schema: runtime().apiGraphQLSchema,
    hub,
    apollo,
    authenticate: (params) => createRouterContextFromParams(params, { jwtSecret: config.jwtSecret, apiKeys }),
    allowAnonymous: config.subscriptionsAllowAnonymous ?? false,
    admission,
    limits: subscriptionLimits,
    presence,
    logger,
  });
  // SSE and multipart subscriptions on the same /graphql, by Accept; every other request is Apollo Server's.
  const httpSubscriptions = createHttpSubscriptions({
    hub,
    admission,
    apollo,
    context: (req) => createRouterContext(req, { jwtSecret: config.jwtSecret, apiKeys }),
    allowAnonymous: config.subscriptionsAllowAnonymous ?? false,
    maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    logger,
  });
  routes['/graphql'] = httpSubscriptions.route(routes['/graphql']);

  const address = await listen(server, port, host);
  let closing: Promise<void> | undefined;
  return {
    ...address,
    subscriptionStats: () => ({ clients: admission.subscriptionsOpen, upstream: upstream.openSubscriptions, shared: hub.size }),
    executorStats: () => ('stats' in served ? { ...served.stats } : { fast: 0, stock: 0, completion: 0 }),
    // Sockets first (1001 to every client) and HTTP streams (SHUTTING_DOWN), then upstreams, then in-flight HTTP requests drain.
    close: () =>
      (closing ??= (async () => {
        await Promise.all([websocket.close(), httpSubscriptions.close()]);
        await presence?.close();
        await upstream.close();
        await apollo.stop();
        await fetcher.close();
        await closeServer(server);
      })()),
  };
}

export function readSupergraph(path: string) {
  return readFileSync(path, 'utf8');
}
