import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Payment } from './entities/Payment';
import { CreatePayment1796184448986 } from './migrations/1796184448986-CreatePayment';
import { resolvers } from './resolvers';
import { seedPayment } from './seed';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The payments domain. No env reads (declare `settings` for those), no listen. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'payments',
  typeDefs,
  resolvers,
  entities: [Payment],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreatePayment1796184448986],
  createContext,
  seed: seedPayment,
});
