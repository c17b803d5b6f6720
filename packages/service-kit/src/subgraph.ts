import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra as WsExtra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ForgedIdentityError, verifyViewerHeaders, type Viewer } from '@supergraph/auth';
import { ErrorCode, WebSocketCloseCode } from '@supergraph/errors';
import { maskErrors } from './errors';
import { closeServer, createHttpService, createMetrics, graphqlHandler, listen, type Route, type ServiceMetrics } from './http';
import type { Logger } from './logger';
import { apolloProductionOptions, withoutSuggestions } from './production';

export interface SubgraphServiceOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  identitySecret: string;
  logger: Logger;
  /** A fresh context per operation (per-request DataLoaders live here). */
  createContext: (viewer: Viewer | null) => TContext;
  /** Extra HTTP routes, e.g. internal endpoints. */
  routes?: Record<string, Route>;
  /**
   * Serve graphql-ws on `/graphql` for this subgraph's subscriptions. Only the router's identity is
   * accepted there (signed, per subscription or per connection); clients subscribe through the router.
   */
  subscriptions?: boolean;
  ready?: () => Promise<boolean>;
  production?: boolean;
  maxBodyBytes?: number;
  /** The registry behind `/metrics`, when the caller counts into it too (e.g. dead-lettered events). */
  metrics?: ServiceMetrics;
}

export interface RunningService {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

function identityError(message: string) {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/**
 * Serves one subgraph: GraphQL over HTTP (and graphql-ws when it has subscriptions), with the
 * caller's identity taken only from headers the router signed. Health, readiness and metrics too.
 */
export async function startSubgraphService<TContext extends BaseContext>(
  options: SubgraphServiceOptions<TContext>,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<RunningService> {
  const metrics = options.metrics ?? createMetrics(options.name);
  const routes: Record<string, Route> = { ...options.routes };
  const server = createHttpService({ routes, ready: options.ready, metrics });
  const production = apolloProductionOptions<TContext>(options.production ?? false);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    // The process's entry point owns SIGINT/SIGTERM and calls close(); Apollo's own handlers would
    // stop it a second time, behind our back (with several servers in one process that hung Ctrl-C).
    stopOnTerminationSignals: false,
    // Introspection, Sandbox, suggestions, stack traces and ftv1 traces: production.ts decides.
    ...production,
    csrfPrevention: true,
    formatError: maskErrors(options.logger, { exposeStack: !options.production, hideSuggestions: options.production }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ...production.plugins],
    logger: { debug: () => {}, info: () => {}, warn: (m) => options.logger.warn(String(m)), error: (m) => options.logger.error(String(m)) },
  });
  await apollo.start();
  routes['/graphql'] = graphqlHandler({
    apollo,
    metrics,
    maxBodyBytes: options.maxBodyBytes,
    context: async (req: IncomingMessage) => {
      try {
        return options.createContext(scopedTo(options.name, verifyViewerHeaders(req.headers, options.identitySecret)));
      } catch (error) {
        if (error instanceof ForgedIdentityError) throw identityError('Identity headers were not signed by the router');
        throw error;
      }
    },
  });

  let disposeWs: (() => Promise<void>) | undefined;
  if (options.subscriptions) {
    const wss = new WebSocketServer({ server, path: '/graphql' });
    type Extra = WsExtra & { viewer?: Viewer | null; operationViewers?: Map<string, Viewer | null> };
    const cleanup = useServer(
      {
        schema: options.schema,
        // graphql-ws validates on its own (queries too): the same production rules as over HTTP.
        validate: options.production ? (schema, document) => validate(schema, document, [...specifiedRules, NoSchemaIntrospectionCustomRule]).map(withoutSuggestions) : undefined,
        onConnect: (ctx) => {
          const extra = ctx.extra as Extra;
          // Closed here with the code that says why; graphql-ws's own close on `false` is then a no-op.
          const refuseSocket = (code: number, reason: string) => {
            extra.socket.close(code, reason);
            return false;
          };
          try {
            extra.viewer = scopedTo(options.name, viewerFromConnectionParams(ctx.connectionParams ?? {}, options.identitySecret));
            return true;
          } catch (error) {
            if (error instanceof ForgedIdentityError) return refuseSocket(CloseCode.Forbidden, 'Forbidden');
            options.logger.error('graphql-ws connection could not be identified', { error });
            return refuseSocket(WebSocketCloseCode.InternalError, 'Internal error');
          }
        },
        // The router multiplexes many callers over one connection: each subscription may carry
        // its own signed identity in `extensions.identity`, which then wins over the connection's.
        onSubscribe: (ctx, id, payload) => {
          const identity = (payload.extensions as { identity?: Record<string, string> } | undefined)?.identity;
          if (!identity) return;
          const extra = ctx.extra as Extra;
          try {
            (extra.operationViewers ??= new Map()).set(id, scopedTo(options.name, verifyViewerHeaders(identity, options.identitySecret)));
          } catch {
            return [identityError('Identity was not signed by the router')];
          }
        },
        onComplete: (ctx, id) => {
          (ctx.extra as Extra).operationViewers?.delete(id);
        },
        context: (ctx, id) => {
          const extra = ctx.extra as Extra;
          const viewer = extra.operationViewers?.has(id) ? extra.operationViewers.get(id)! : (extra.viewer ?? null);
          return options.createContext(viewer);
        },
      },
      wss,
    );
    // dispose() says 1001 to every client and closes the socket server itself.
    disposeWs = async () => {
      await cleanup.dispose();
    };
  }

  const address = await listen(server, port, host);
  let closing: Promise<void> | undefined;
  return {
    ...address,
    server,
    close: () =>
      (closing ??= (async () => {
        await disposeWs?.();
        await apollo.stop();
        await closeServer(server);
      })()),
  };
}

/**
 * What the caller is to this subgraph. A backup agent's or a device's key (issued by backups or
 * telemetry) speaks for its owner only in the subgraph that issued it: to every other subgraph its
 * caller is anonymous, so a leaked device key reads no orders, profile or messages of its owner.
 * Partners' keys (issued by users) act for their owner everywhere, within the key's role.
 */
export function scopedTo(subgraph: string, viewer: Viewer | null): Viewer | null {
  if (viewer?.kind === 'apiKey' && viewer.issuer && viewer.issuer !== 'users' && viewer.issuer !== subgraph) return null;
  return viewer;
}

/**
 * The connection's identity: headers the router signed, or nobody (the router itself connects without
 * any and signs each subscription). A user's own credentials are refused like a forged identity:
 * clients subscribe through the router, which verifies them.
 */
function viewerFromConnectionParams(params: Record<string, unknown>, identitySecret: string): Viewer | null {
  const headers = Object.fromEntries(Object.entries(params).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? v : undefined]));
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined) throw new ForgedIdentityError('Client credentials are accepted by the router only');
  return verifyViewerHeaders(headers, identitySecret);
}
