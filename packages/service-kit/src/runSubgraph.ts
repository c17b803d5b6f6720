import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { z } from 'zod';
import type { Viewer } from '@supergraph/auth';
import { topics, type PayloadOf, type Topic } from '@supergraph/contracts';
import { openDatabase, type Database } from './db/database';
import { parseEnv } from './env';
import { CreateDeadLetterTable1796169600000, deadLetterCounter } from './events/deadLetter';
import { consumeEvents, enqueueEvent, enqueueEvents, InvalidEventError, OutboxRelay, type EventHandlers } from './events/outbox';
import type { DomainEvent, Subscription } from './events/types';
import type { Messaging } from './infrastructure';
import type { Logger } from './logger';
import type { PubSub } from './pubsub';
import { createMetrics, type Route, type ServiceMetrics } from './http';
import { startSubgraphService, type RunningService } from './subgraph';

/** What a subgraph's services get to write events and publish live updates. */
export interface SubgraphRuntime {
  name: string;
  dataSource: DataSource;
  pubsub: PubSub;
  /** Redis (URL and key prefix) when the subgraph runs on it; undefined on the in-process engines. */
  redis?: { url: string; keyPrefix: string };
  logger: Logger;
  /** Shared with the router: signs identities (and service-to-service bodies), and access tokens. */
  secrets: { identity: string; jwt: string };
  /**
   * Adds an event to the outbox inside the caller's transaction. Call `eventsCommitted()` after the
   * commit. Typed by the topic's contract (`@supergraph/contracts`) and checked against it at run
   * time: a payload that does not match, or a topic this subgraph is not the producer of, throws
   * `InvalidEventError`, so the caller's transaction rolls back with nothing written.
   */
  emit<T extends Topic>(manager: EntityManager, topic: T, payload: PayloadOf<T>): Promise<DomainEvent<PayloadOf<T>>>;
  /** `emit` for many events of one topic, written in one statement (the same checks; all or none). */
  emitAll<T extends Topic>(manager: EntityManager, topic: T, payloads: PayloadOf<T>[]): Promise<DomainEvent<PayloadOf<T>>[]>;
  /** Tells the relay that committed events are waiting, so they go out now rather than at the next poll. */
  eventsCommitted(): void;
  /** The registry `/metrics` serves, for the subgraph's own counters. */
  metrics: ServiceMetrics['registry'];
}

export interface SubgraphDefinition<TContext extends BaseContext, TSettings = unknown> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext> | GraphQLResolverMap<TContext>[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /**
   * The subgraph's own settings, read from the environment (`SubgraphConfig.env`, else
   * process.env) and validated once at start; createContext gets the result. The same path for
   * every subgraph, in its own process or in the embedded default.
   */
  settings?: z.ZodType<TSettings>;
  createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: TSettings): TContext;
  /**
   * Event handlers by topic, typed by each topic's contract; each runs in a transaction that also
   * records the event as processed. Only topics whose contract lists this subgraph among its
   * consumers; an event that breaks its contract is dead-lettered instead of handled.
   */
  consumers?: (runtime: SubgraphRuntime, settings: TSettings) => EventHandlers;
  /** Runs after an event handler's transaction committed (e.g. to publish live updates). */
  afterEvent?: (runtime: SubgraphRuntime, event: DomainEvent) => void;
  /** Demo data for the embedded default; must be idempotent (it runs at every start). */
  seed?: (runtime: SubgraphRuntime) => Promise<void>;
  routes?: (runtime: SubgraphRuntime, settings: TSettings) => Record<string, Route>;
  /**
   * Work of its own (a periodic job, a worker), started once the service listens and stopped
   * first on close, before the database closes.
   */
  background?: (runtime: SubgraphRuntime, settings: TSettings) => { stop(): Promise<void> };
  subscriptions?: boolean;
  /** Largest request body accepted (default 1,000,000 bytes), for a subgraph whose operations carry big batches. */
  maxBodyBytes?: number;
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
  /** Where the definition's `settings` are read from; process.env when absent. */
  env?: Record<string, string | undefined>;
}

export interface RunningSubgraph extends RunningService {
  name: string;
  database: Database;
  runtime: SubgraphRuntime;
  /** The topics its consumers handle (tests wait on them to know that events have settled). */
  consumedTopics: string[];
}

/** One producer per topic, so that its contract (and docs/events.md) says who to ask: the error for any other. */
function notTheProducer(topic: Topic, subgraph: string): InvalidEventError | null {
  const producer = topics[topic]?.emittedBy;
  return producer && producer !== subgraph ? new InvalidEventError(topic, `only ${producer} emits this topic, not ${subgraph}`) : null;
}

/** Opens the database (running migrations), starts consumers and the outbox relay, then serves. */
export async function runSubgraph<TContext extends BaseContext, TSettings>(definition: SubgraphDefinition<TContext, TSettings>, config: SubgraphConfig): Promise<RunningSubgraph> {
  const logger = config.logger.child({ subgraph: definition.name });
  // Before the database opens: a bad setting fails the start at once, with every problem listed.
  const settings = (definition.settings ? parseEnv(definition.settings, config.env ?? process.env) : undefined) as TSettings;
  const database = await openDatabase({
    name: definition.name,
    url: config.databaseUrl,
    dataDir: config.dataDir,
    entities: definition.entities,
    // The kit's own table, for whatever the subgraph lists: dead letters are its consumers' business.
    migrations: [...(Array.isArray(definition.migrations) ? definition.migrations : Object.values(definition.migrations)), CreateDeadLetterTable1796169600000],
    logger,
  });
  // Made here rather than by the HTTP service so that the consumers, started first, count into it.
  const metrics = createMetrics(definition.name);
  const relay = new OutboxRelay(database.dataSource, config.messaging.bus, { logger, pollIntervalMs: config.relayPollIntervalMs });
  const runtime: SubgraphRuntime = {
    name: definition.name,
    dataSource: database.dataSource,
    pubsub: config.messaging.pubsub,
    redis: config.messaging.redis,
    logger,
    secrets: { identity: config.identitySecret, jwt: config.jwtSecret },
    emit: (manager, topic, payload) => {
      const refused = notTheProducer(topic, definition.name);
      return refused ? Promise.reject(refused) : enqueueEvent(manager, topic, payload);
    },
    emitAll: (manager, topic, payloads) => {
      const refused = notTheProducer(topic, definition.name);
      return refused ? Promise.reject(refused) : enqueueEvents(manager, topic, payloads);
    },
    eventsCommitted: () => relay.nudge(),
    metrics: metrics.registry,
  };
  const subscriptions: Subscription[] = [];
  let service: RunningService | undefined;
  let consumedTopics: string[];
  try {
    if (config.seed && definition.seed) await definition.seed(runtime);
    const handlers = definition.consumers?.(runtime, settings);
    consumedTopics = Object.keys(handlers ?? {});
    if (handlers && Object.keys(handlers).length) {
      for (const topic of Object.keys(handlers) as Topic[]) {
        if (!(topics[topic]?.consumedBy as readonly string[] | undefined)?.includes(definition.name)) {
          throw new Error(`${definition.name} consumes ${topic}, but its contract in @supergraph/contracts does not list ${definition.name} among the consumers`);
        }
      }
      subscriptions.push(
        await consumeEvents({
          dataSource: database.dataSource,
          bus: config.messaging.bus,
          group: definition.name,
          consumer: config.instanceId ?? `${definition.name}-${hostname()}-${randomUUID().slice(0, 8)}`,
          handlers,
          logger,
          deadLettered: deadLetterCounter(metrics.registry),
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
        metrics,
        production: config.production,
        createContext: (viewer) => definition.createContext(viewer, runtime, settings),
        routes: definition.routes?.(runtime, settings),
        subscriptions: !!definition.subscriptions,
        maxBodyBytes: definition.maxBodyBytes,
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
  const background = definition.background?.(runtime, settings);
  return {
    ...running,
    name: definition.name,
    database,
    runtime,
    consumedTopics,
    close: async () => {
      await background?.stop();
      await running.close();
      await relay.stop();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await database.close();
    },
  };
}
