import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, type SubgraphDefinition } from '@supergraph/service-kit';
import { createContext, type Context } from './context';
import { Category } from './entities/Category';
import { Product } from './entities/Product';
import { Review } from './entities/Review';
import { StockReservation } from './entities/StockReservation';
import { WishlistItem } from './entities/WishlistItem';
import { CreateCatalog1763800000200 } from './migrations/1763800000200-CreateCatalog';
import { resolvers } from './resolvers';
import { seedCatalogue } from './seed';
import { stockConsumers } from './services/StockService';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The catalogue, reviews, wishlists, and the stock that orders reserve through events. */
export const productsSubgraph: SubgraphDefinition<Context> = {
  name: 'products',
  typeDefs,
  resolvers: resolvers as never,
  entities: [Category, Product, Review, WishlistItem, StockReservation],
  migrations: [CreateEventTables1763800000000, CreateCatalog1763800000200],
  createContext,
  consumers: (runtime) => stockConsumers(runtime) as never,
  seed: seedCatalogue,
};
