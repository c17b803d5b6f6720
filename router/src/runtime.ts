import './privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import { ApolloGateway, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { Schema } from '@apollo/federation-internals';
import type { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '@supergraph/service-kit';

/**
 * Everything the router derives from one supergraph, built once and shared by every consumer:
 * @apollo/gateway (the stock executor), the fast executor, the subscription planner and hub, and
 * subscription admission. Building a supergraph (parsing, validating, the query graph behind the
 * planner) is the router's most expensive start-up step and each build holds its own copy in memory.
 */
export interface SupergraphRuntime {
  /** The supergraph as a graphql-js schema (plan execution checks entity types against it). */
  supergraphSchema: GraphQLSchema;
  /** The API schema (what clients see), as federation builds operations against it. */
  apiSchema: Schema;
  /** The API schema Apollo Server serves (the gateway's own instance). */
  apiGraphQLSchema: GraphQLSchema;
  /** The gateway's query planner: one configuration, one plan for an operation whoever plans it. */
  planner: QueryPlanner;
  /** Subgraph names and the URLs the router calls them at (overrides applied). */
  subgraphs: { name: string; url: string }[];
  /** One data source per subgraph, the one the gateway itself calls. */
  serviceMap: ServiceMap;
}

export interface RuntimeGatewayOptions {
  supergraphSdl: string;
  /** Overrides of the subgraph URLs written in the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  buildDataSource: (subgraph: { name: string; url: string }) => GraphQLDataSource;
  logger: Logger;
}

/**
 * An `ApolloGateway` that builds the supergraph, and the runtime taken from what it built. The
 * gateway is the builder because its supergraph, planner and data sources cannot be handed to it:
 * it accepts only SDL. Everything else is read from it once it has loaded (`runtime()`).
 */
export function createRuntimeGateway(options: RuntimeGatewayOptions): { gateway: ApolloGateway; runtime: () => SupergraphRuntime } {
  const serviceMap = Object.create(null) as ServiceMap;
  const subgraphs = new Map<string, { name: string; url: string }>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Called once per subgraph when the gateway loads the supergraph.
    buildService: ({ name, url }) => {
      const subgraph = { name, url: options.subgraphUrls?.[name] ?? url! };
      const dataSource = options.buildDataSource(subgraph);
      subgraphs.set(name, subgraph);
      serviceMap[name] = dataSource;
      return dataSource;
    },
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m) => options.logger.warn(String(m)),
      error: (m) => options.logger.error(String(m)),
    },
  });
  let runtime: SupergraphRuntime | undefined;
  return {
    gateway,
    runtime: () => {
      if (runtime) return runtime;
      // `__testing()` is the gateway's only public, typed access to its planner; should a release
      // drop it, this fails at typecheck.
      const planner = gateway.__testing().queryPlanner;
      if (!planner || !gateway.schema) throw new Error('The supergraph runtime is read after the gateway has loaded');
      const supergraph = planner.supergraph;
      runtime = {
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        // Cached by the schema: the very instance the gateway plans against.
        apiSchema: supergraph.apiSchema(),
        apiGraphQLSchema: gateway.schema,
        planner,
        subgraphs: [...subgraphs.values()],
        serviceMap,
      };
      return runtime;
    },
  };
}
