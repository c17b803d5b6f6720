import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Device } from './entities/Device';
import { CreateDevice1796190094908 } from './migrations/1796190094908-CreateDevice';
import { resolvers } from './resolvers';
import { seedDevice } from './seed';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The telemetry domain. No env reads (declare `settings` for those), no listen. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'telemetry',
  typeDefs,
  resolvers,
  entities: [Device],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreateDevice1796190094908],
  createContext,
  seed: seedDevice,
});
