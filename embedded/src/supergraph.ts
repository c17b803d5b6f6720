import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSubgraphList, runSubgraph, type Logger, type Messaging, type RunningSubgraph, type SubgraphDefinition } from '@supergraph/service-kit';
import { startRouter, type RunningRouter } from '@supergraph/router/src/server';
import { DEFAULT_LIMITS } from '@supergraph/router/src/limits';

const ROOT = join(__dirname, '../..');
export const SUPERGRAPH_FILE = join(ROOT, 'schema/supergraph.graphql');

/** The subgraphs in schema/subgraphs.json order, with their default ports. */
export function subgraphManifest(): { name: string; port: number }[] {
  return readSubgraphList(join(ROOT, 'schema/subgraphs.json'));
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

/**
 * Every subgraph of schema/subgraphs.json, by convention: the workspace `@supergraph/<name>`
 * exports its definition as `subgraph` from its main. npm links every workspace under
 * node_modules/@supergraph, so no second list (nor dependency) is kept here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each subgraph has its own context type; one record holds them all
export function subgraphDefinitions(): Record<string, SubgraphDefinition<any>> {
  return Object.fromEntries(
    subgraphManifest().map(({ name }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the name comes from the list, at run time
      const workspace = require(`@supergraph/${name}`) as { subgraph?: SubgraphDefinition<object> };
      const definition = workspace.subgraph as SubgraphDefinition<any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any -- see above: contexts differ per subgraph
      if (definition?.name !== name) {
        throw new Error(`@supergraph/${name} must export its definition as \`subgraph\` (defineSubgraph) with name "${name}"`);
      }
      return [name, definition];
    }),
  );
}

/** Starts every subgraph, then the router over them. */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const definitions = subgraphDefinitions();
  const subgraphs: Record<string, RunningSubgraph> = {};
  const host = options.host ?? '127.0.0.1';
  const closeAll = async () => {
    await Promise.all(Object.values(subgraphs).map((s) => s.close()));
  };
  try {
    await Promise.all(
      subgraphManifest().map(async ({ name, port }) => {
        const definition = definitions[name];
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
        limits: DEFAULT_LIMITS,
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
