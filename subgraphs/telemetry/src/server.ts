import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { apiKeyVerificationRoute, CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Device } from './entities/Device';
import { CreateTelemetry1796190094908 } from './migrations/1796190094908-CreateTelemetry';
import { resolvers } from './resolvers';
import { seedTelemetry } from './seed';
import { verifyDeviceKey } from './services/DeviceService';
import { retentionPurger } from './services/retention';
import { retentionMs, settings } from './settings';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/**
 * Devices, their readings (batched ingest, history in time buckets, latest values) and live
 * readings over graphql-ws. Emits and consumes no events: nothing of it is another domain's business.
 */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'telemetry',
  typeDefs,
  resolvers,
  entities: [Device],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreateTelemetry1796190094908],
  settings,
  createContext,
  seed: seedTelemetry,
  // Retention: old readings purged in batches, stopped by the kit before the database closes.
  background: (runtime, s) => retentionPurger(runtime, retentionMs(s)),
  subscriptions: true,
  // A batch of 5,000 readings is up to ~1 MB of JSON; the router admits 1 MiB, so this never refuses what it let through.
  maxBodyBytes: 2 * 1024 * 1024,
  // The router asks here about `sgt` keys (devices').
  routes: (runtime) => ({ '/internal/api-keys/verify': apiKeyVerificationRoute(runtime, (secret) => verifyDeviceKey(runtime, secret)) }),
});
