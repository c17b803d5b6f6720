import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Category } from './entities/Category';
import { Product } from './entities/Product';
import { Review } from './entities/Review';
import { StockAdjustment } from './entities/StockAdjustment';
import { StockReservation } from './entities/StockReservation';
import { WishlistItem } from './entities/WishlistItem';
import { CreateCatalog1763800000200 } from './migrations/1763800000200-CreateCatalog';
import { StockLedgerAndExactInstants1763800000201 } from './migrations/1763800000201-StockLedgerAndExactInstants';
import { ProductWeight1763800000202 } from './migrations/1763800000202-ProductWeight';
import { resolvers } from './resolvers';
import { seedCatalogue } from './seed';
import { stockConsumers } from './services/StockService';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The catalogue, reviews, wishlists, and the stock that orders reserve through events. No env reads, no listen. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'products',
  typeDefs,
  resolvers,
  entities: [Category, Product, Review, WishlistItem, StockReservation, StockAdjustment],
  migrations: [CreateEventTables1763800000000, CreateCatalog1763800000200, StockLedgerAndExactInstants1763800000201, ProductWeight1763800000202],
  createContext,
  consumers: stockConsumers,
  seed: seedCatalogue,
});
