import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { Viewer } from '@supergraph/auth';
import { openDatabase, type Database } from './db/database';
import { consumeEvents, enqueueEvent, OutboxRelay, type EventHandler } from './events/outbox';
import type { DomainEvent, Subscription } from './events/types';
import type { Messaging } from './infrastructure';
import type { Logger } from './logger';
import type { PubSub } from './pubsub';
import type { Route } from './http';
import { startSubgraphService, type RunningService } from './subgraph';

/** What a subgraph's services get to write events and publish live updates. */
export interface SubgraphRuntime {
  name: string;
  dataSource: DataSource;
  pubsub: PubSub;
  logger: Logger;
  /** Shared with the router: signs identities (and service-to-service bodies), and access tokens. */
  secrets: { identity: string; jwt: string };
  /** Adds an event to the outbox inside the caller's transaction. Call `eventsCommitted()` after the commit. */
  emit<T>(manager: EntityManager, topic: string, payload: T): Promise<DomainEvent<T>>;
  /** Tells the relay that committed events are waiting, so they go out now rather than at the next poll. */
  eventsCommitted(): void;
}

export interface SubgraphDefinition<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext> | GraphQLResolverMap<TContext>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  createContext(viewer: Viewer | null, runtime: SubgraphRuntime): TContext;
  /** Event handlers by topic; each runs in a transaction that also records the event as processed. */
  consumers?: (runtime: SubgraphRuntime) => Record<string, EventHandler>;
  /** Runs after an event handler's transaction committed (e.g. to publish live updates). */
  afterEvent?: (runtime: SubgraphRuntime, event: DomainEvent) => void;
  /** Demo data for the embedded default; must be idempotent (it runs at every start). */
  seed?: (runtime: SubgraphRuntime) => Promise<void>;
  routes?: (runtime: SubgraphRuntime) => Record<string, Route>;
  subscriptions?: boolean;
}

export interface SubgraphConfig {
  /** PostgreSQL URL of this subgraph's database; without it, PGlite in `dataDir` (or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  messaging: Messaging;
  identitySecret: string;
  jwtSecret: string;
  logger: Logger;
  port?: number;
  host?: string;
  production?: boolean;
  /** Seed demo data (embedded default only). */
  seed?: boolean;
  /** Off only in tests that play a process dying before its events are relayed. */
  relay?: boolean;
  /** Stable name of this process among the subgraph's instances (its event consumer name). */
  instanceId?: string;
  relayPollIntervalMs?: number;
}

export interface RunningSubgraph extends RunningService {
  name: string;
  database: Database;
  runtime: SubgraphRuntime;
}

/** Opens the database (running migrations), starts consumers and the outbox relay, then serves. */
export async function runSubgraph<TContext extends BaseContext>(definition: SubgraphDefinition<TContext>, config: SubgraphConfig): Promise<RunningSubgraph> {
  const logger = config.logger.child({ subgraph: definition.name });
  const database = await openDatabase({
    name: definition.name,
    url: config.databaseUrl,
    dataDir: config.dataDir,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
  });
  const relay = new OutboxRelay(database.dataSource, config.messaging.bus, { logger, pollIntervalMs: config.relayPollIntervalMs });
  const runtime: SubgraphRuntime = {
    name: definition.name,
    dataSource: database.dataSource,
    pubsub: config.messaging.pubsub,
    logger,
    secrets: { identity: config.identitySecret, jwt: config.jwtSecret },
    emit: (manager, topic, payload) => enqueueEvent(manager, topic, payload),
    eventsCommitted: () => relay.nudge(),
  };
  const subscriptions: Subscription[] = [];
  let service: RunningService | undefined;
  try {
    if (config.seed && definition.seed) await definition.seed(runtime);
    const handlers = definition.consumers?.(runtime);
    if (handlers && Object.keys(handlers).length) {
      subscriptions.push(
        await consumeEvents({
          dataSource: database.dataSource,
          bus: config.messaging.bus,
          group: definition.name,
          consumer: config.instanceId ?? `${definition.name}-${hostname()}-${randomUUID().slice(0, 8)}`,
          handlers,
          afterCommit: (event) => {
            relay.nudge();
            definition.afterEvent?.(runtime, event);
          },
        }),
      );
    }
    if (config.relay !== false) relay.start();
    service = await startSubgraphService(
      {
        name: definition.name,
        schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
        identitySecret: config.identitySecret,
        logger,
        production: config.production,
        createContext: (viewer) => definition.createContext(viewer, runtime),
        routes: definition.routes?.(runtime),
        subscriptions: definition.subscriptions ? { jwtSecret: config.jwtSecret } : undefined,
        ready: async () => {
          try {
            await database.dataSource.query('SELECT 1');
            return true;
          } catch {
            return false;
          }
        },
      },
      { port: config.port, host: config.host },
    );
  } catch (error) {
    await relay.stop();
    await Promise.all(subscriptions.map((s) => s.stop()));
    await database.close();
    throw error;
  }
  const running = service;
  return {
    ...running,
    name: definition.name,
    database,
    runtime,
    close: async () => {
      await running.close();
      await relay.stop();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await database.close();
    },
  };
}
