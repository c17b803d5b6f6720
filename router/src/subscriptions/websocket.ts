import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { ErrorCode, WebSocketCloseCode } from '@supergraph/errors';
import type { Logger } from '@supergraph/service-kit';
import type { RouterContext } from '../context';
import type { PresenceReporter } from '../presence';
import type { SubscriptionAdmission, SubscriptionLimits } from './admission';
import type { SubscriptionHub } from './hub';

export type { SubscriptionLimits } from './admission';

/** What one socket has: who authenticated on it and how many subscriptions it holds. */
interface ConnectionState {
  router: RouterContext;
  subscriptions: number;
  /** Its id with the presence reporter, for a signed-in user when the supergraph has messaging. */
  presenceId?: string;
}

interface OperationContextValue {
  router: RouterContext;
  source: string;
  connection: ConnectionState;
}

const stateOf = (extra: unknown) => (extra as { state: ConnectionState }).state;

/** Credentials that were checked and refused (as opposed to a failure to check them). */
const refusedCredentials = (error: unknown) => error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED;

/**
 * graphql-ws on the router's `/graphql`. The caller authenticates once, in `connectionParams`
 * (`authorization: "Bearer <token>"` or `x-api-key`); a missing or bad credential closes the
 * socket with 4403 (`CloseCode.Forbidden`, as HTTP answers 401/403). A failure to check them (the
 * API-key verification down, a bug) is ours, not the client's: it is logged and the socket closes
 * with 1011 (as HTTP answers 500), so clients and dashboards tell an outage from a bad token.
 * Subscriptions go to the hub; queries and mutations sent over the socket run through the same
 * Apollo Server as HTTP.
 */
export function attachWebSocketServer(options: {
  server: Server;
  /** The API schema (the runtime's, as Apollo Server serves it). */
  schema: GraphQLSchema;
  hub: SubscriptionHub;
  apollo: ApolloServer<RouterContext>;
  authenticate: (params: Record<string, unknown>) => Promise<RouterContext>;
  /** Accept sockets without credentials (off by default); the subgraphs still authorize each field. */
  allowAnonymous?: boolean;
  /** Parsing, validation, operation limits and the per-instance count, shared with the HTTP transports. */
  admission: SubscriptionAdmission;
  limits: SubscriptionLimits;
  /** Told of every user's socket, opened and closed (only when the supergraph has messaging). */
  presence?: PresenceReporter;
  logger: Logger;
}) {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: 256 * 1024 });
  const schema = options.schema;
  const refuse = (message: string, code: string, extra: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extra } })];

  const cleanup = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        // Closed here with the code that says why; graphql-ws's own close on `false` is then a no-op.
        const refuseSocket = (code: number, reason: string) => {
          (ctx.extra as Extra).socket.close(code, reason);
          return false;
        };
        let router: RouterContext;
        try {
          router = await options.authenticate(ctx.connectionParams ?? {});
        } catch (error) {
          if (refusedCredentials(error)) return refuseSocket(CloseCode.Forbidden, 'Forbidden');
          options.logger.error('graphql-ws connection could not be authenticated', { error });
          return refuseSocket(WebSocketCloseCode.InternalError, 'Internal error');
        }
        if (!router.viewer && !options.allowAnonymous) return refuseSocket(CloseCode.Forbidden, 'Forbidden');
        // Gone while its credentials were checked: onClose has already run, so nothing to report.
        if ((ctx.extra as Extra).socket.readyState !== (ctx.extra as Extra).socket.OPEN) return false;
        const viewer = router.viewer;
        const presenceId = viewer?.kind === 'user' ? options.presence?.connected(viewer.userId) : undefined;
        (ctx.extra as { state?: ConnectionState }).state = { router, subscriptions: 0, presenceId };
        return true;
      },
      // Every close, with or without a close frame (a terminated socket closes here too).
      onClose: (ctx) => {
        const presenceId = (ctx.extra as { state?: ConnectionState }).state?.presenceId;
        if (presenceId) options.presence?.disconnected(presenceId);
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = stateOf(ctx.extra);
        const { admitted, errors } = options.admission.admit({ query: payload.query, variables: payload.variables, operationName: payload.operationName });
        if (errors) return errors;
        const { document, variables } = admitted;
        if (admitted.operation.operation === 'subscription' && connection.subscriptions >= options.limits.perConnection) {
          return refuse(`At most ${options.limits.perConnection} subscriptions per connection`, ErrorCode.RATE_LIMITED, { limit: 'subscriptionsPerConnection' });
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: variables,
          contextValue: { router: connection.router, source: payload.query, connection } satisfies OperationContextValue,
        };
        return args;
      },
      subscribe: async (args) => {
        const { router, source, connection } = args.contextValue as OperationContextValue;
        const stream = options.hub.subscribe({
          document: args.document,
          source,
          operationName: args.operationName ?? undefined,
          variables: args.variableValues ?? {},
          context: router,
        });
        connection.subscriptions++;
        return options.admission.track(stream, () => connection.subscriptions--);
      },
      execute: async (args) => {
        const { router, source } = args.contextValue as OperationContextValue;
        const response = await options.apollo.executeOperation({ query: source, variables: args.variableValues ?? {}, operationName: args.operationName ?? undefined }, { contextValue: router });
        if (response.body.kind === 'single') return response.body.singleResult as ExecutionResult;
        return { errors: [new GraphQLError('Incremental delivery is not supported over WebSocket')] };
      },
    },
    wss,
  );

  return {
    /** Tells every client the router is going away (1001) and stops accepting sockets. */
    async close() {
      for (const socket of wss.clients) socket.close(WebSocketCloseCode.GoingAway, 'Router shutting down');
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
