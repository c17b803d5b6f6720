import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, Kind, parse, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FragmentDefinitionNode } from 'graphql';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '@supergraph/errors';
import type { Logger } from '@supergraph/service-kit';
import type { RouterContext } from '../context';
import { measureOperation, type OperationLimits } from '../limits';
import type { SubscriptionHub } from './hub';
import type { SubscriptionPlanner } from './plan';

export interface SubscriptionLimits {
  perConnection: number;
  perInstance: number;
}

/** What one socket has: who authenticated on it and how many subscriptions it holds. */
interface ConnectionState {
  router: RouterContext;
  subscriptions: number;
}

interface OperationContextValue {
  router: RouterContext;
  source: string;
  connection: ConnectionState;
}

const stateOf = (extra: unknown) => (extra as { state: ConnectionState }).state;

/**
 * graphql-ws on the router's `/graphql`. The caller authenticates once, in `connectionParams`
 * (`authorization: "Bearer <token>"` or `x-api-key`); a missing or bad credential closes the
 * socket with 4403. Subscriptions go to the hub; queries and mutations sent over the socket run
 * through the same Apollo Server as HTTP.
 */
export function attachWebSocketServer(options: {
  server: Server;
  planner: SubscriptionPlanner;
  hub: SubscriptionHub;
  apollo: ApolloServer<RouterContext>;
  authenticate: (params: Record<string, unknown>) => Promise<RouterContext>;
  /** Accept sockets without credentials (off by default); the subgraphs still authorize each field. */
  allowAnonymous?: boolean;
  operationLimits: OperationLimits & { maxTokens: number };
  limits: SubscriptionLimits;
  logger: Logger;
}) {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: 256 * 1024 });
  let subscriptionsOpen = 0;
  const schema = options.planner.apiGraphQLSchema;
  const refuse = (message: string, code: string, extra: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extra } })];

  const cleanup = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const router = await options.authenticate(ctx.connectionParams ?? {});
          if (!router.viewer && !options.allowAnonymous) return false;
          (ctx.extra as { state?: ConnectionState }).state = { router, subscriptions: 0 };
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = stateOf(ctx.extra);
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.operationLimits.maxTokens });
        } catch (error) {
          return refuse((error as Error).message, 'GRAPHQL_PARSE_FAILED');
        }
        const errors = validate(schema, document);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refuse('Could not determine which operation to run', 'BAD_REQUEST');
        const fragments = Object.fromEntries(
          document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
        );
        const measure = measureOperation(operation, fragments, payload.variables ?? {});
        const { maxDepth, maxAliases, maxCost } = options.operationLimits;
        if (measure.depth > maxDepth || measure.aliases > maxAliases || measure.cost > maxCost) {
          return refuse('Operation exceeds the router limits', ErrorCode.OPERATION_LIMIT_EXCEEDED, { ...measure, maxDepth, maxAliases, maxCost });
        }
        if (operation.operation === 'subscription') {
          if (connection.subscriptions >= options.limits.perConnection) {
            return refuse(`At most ${options.limits.perConnection} subscriptions per connection`, ErrorCode.RATE_LIMITED, { limit: 'subscriptionsPerConnection' });
          }
          if (subscriptionsOpen >= options.limits.perInstance) {
            return refuse('This router holds as many subscriptions as it may; retry on another instance', ErrorCode.RATE_LIMITED, { limit: 'subscriptionsPerInstance' });
          }
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? {},
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
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          context: router,
        });
        subscriptionsOpen++;
        connection.subscriptions++;
        // Counted until the stream ends, whether the client left (return) or the server ended it.
        // (Not an async generator: its return() would wait behind a pending next().)
        let open = true;
        const finish = () => {
          if (!open) return;
          open = false;
          subscriptionsOpen--;
          connection.subscriptions--;
        };
        const counted: AsyncIterableIterator<ExecutionResult> = {
          next: async () => {
            const result = await stream.next();
            if (result.done) finish();
            return result;
          },
          return: async () => {
            finish();
            return stream.return!();
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
        return counted;
      },
      execute: async (args) => {
        const { router, source } = args.contextValue as OperationContextValue;
        const response = await options.apollo.executeOperation(
          { query: source, variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName ?? undefined },
          { contextValue: router },
        );
        if (response.body.kind === 'single') return response.body.singleResult as ExecutionResult;
        return { errors: [new GraphQLError('Incremental delivery is not supported over WebSocket')] };
      },
    },
    wss,
  );

  return {
    get subscriptionsOpen() {
      return subscriptionsOpen;
    },
    /** Tells every client the router is going away (1001) and stops accepting sockets. */
    async close() {
      for (const socket of wss.clients) socket.close(1001, 'Router shutting down');
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
