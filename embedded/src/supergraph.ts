import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSubgraph, type Logger, type Messaging, type RunningSubgraph, type SubgraphDefinition } from '@supergraph/service-kit';
import { startRouter, type RunningRouter } from '@supergraph/router/src/server';
import { createUsersSubgraph } from '@supergraph/users';
import { productsSubgraph } from '@supergraph/products';
import { ordersSubgraph } from '@supergraph/orders';

const ROOT = join(__dirname, '../..');
export const SUPERGRAPH_FILE = join(ROOT, 'schema/supergraph.graphql');

/** The subgraphs in schema/subgraphs.json order, with their default ports. */
export function subgraphManifest(): { name: string; port: number }[] {
  return (JSON.parse(readFileSync(join(ROOT, 'schema/subgraphs.json'), 'utf8')) as { subgraphs: { name: string; port: number }[] }).subgraphs;
}

export interface SupergraphOptions {
  messaging: Messaging;
  identitySecret: string;
  jwtSecret: string;
  logger: Logger;
  /** PostgreSQL URL per subgraph; a subgraph without one runs on PGlite. */
  databaseUrls?: Record<string, string | undefined>;
  /** PGlite folder root (a folder per subgraph); without it PGlite keeps data in memory. */
  dataDir?: string;
  seed?: boolean;
  /** 0 everywhere for tests; the defaults of schema/subgraphs.json and 4000 otherwise. */
  ephemeralPorts?: boolean;
  routerPort?: number;
  host?: string;
  production?: boolean;
  accessTokenTtlSeconds?: number;
  /** Subgraphs to start with their outbox relay off (tests of a process dying before it relays). */
  relayOff?: string[];
  relayPollIntervalMs?: number;
  subscriptionLimits?: { perConnection: number; perInstance: number };
}

export interface RunningSupergraph {
  router: RunningRouter;
  subgraphs: Record<string, RunningSubgraph>;
  url: string;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subgraph has its own context type; one record holds all three
export function subgraphDefinitions(options: { accessTokenTtlSeconds?: number } = {}): Record<string, SubgraphDefinition<any>> {
  return {
    users: createUsersSubgraph(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
    products: productsSubgraph,
    orders: ordersSubgraph,
  };
}

/** Starts every subgraph, then the router over them. */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const definitions = subgraphDefinitions(options);
  const subgraphs: Record<string, RunningSubgraph> = {};
  const host = options.host ?? '127.0.0.1';
  const closeAll = async () => {
    await Promise.all(Object.values(subgraphs).map((s) => s.close()));
  };
  try {
    await Promise.all(
      subgraphManifest().map(async ({ name, port }) => {
        const definition = definitions[name];
        if (!definition) throw new Error(`schema/subgraphs.json lists "${name}", which the embedded supergraph does not know`);
        subgraphs[name] = await runSubgraph(definition, {
          databaseUrl: options.databaseUrls?.[name],
          dataDir: options.dataDir ? join(options.dataDir, name) : undefined,
          messaging: options.messaging,
          identitySecret: options.identitySecret,
          jwtSecret: options.jwtSecret,
          logger: options.logger,
          port: options.ephemeralPorts ? 0 : port,
          host,
          production: options.production,
          seed: options.seed,
          relay: !options.relayOff?.includes(name),
          instanceId: `${name}-embedded`,
          relayPollIntervalMs: options.relayPollIntervalMs,
        });
      }),
    );
  } catch (error) {
    await closeAll();
    throw error;
  }
  let router: RunningRouter;
  try {
    router = await startRouter(
      {
        supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
        subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, `${s.url}/graphql`])),
        identitySecret: options.identitySecret,
        jwtSecret: options.jwtSecret,
        production: options.production,
        limits: { maxDepth: 15, maxAliases: 30, maxCost: 50_000, maxTokens: 5000 },
        subscriptionLimits: options.subscriptionLimits,
        logger: options.logger.child({ service: 'router' }),
      },
      { port: options.ephemeralPorts ? 0 : (options.routerPort ?? 4000), host },
    );
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    router,
    subgraphs,
    url: `${router.url}/graphql`,
    close: async () => {
      await router.close();
      await closeAll();
    },
  };
}
