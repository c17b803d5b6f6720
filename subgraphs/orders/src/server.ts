import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { CartItem } from './entities/CartItem';
import { CatalogProduct } from './entities/CatalogProduct';
import { CreditLineView } from './entities/CreditLineView';
import { CustomerAddress } from './entities/CustomerAddress';
import { Order } from './entities/Order';
import { OrderItem } from './entities/OrderItem';
import { OrderStatusChange } from './entities/OrderStatusChange';
import { CreateOrders1763800000300 } from './migrations/1763800000300-CreateOrders';
import { OrderLifecycle1763800000301 } from './migrations/1763800000301-OrderLifecycle';
import { resolvers } from './resolvers';
import { afterOrderEvent, orderConsumers } from './services/consumers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** Carts, checkout and the order state machine; serves `orderStatusChanged` over graphql-ws. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'orders',
  typeDefs,
  resolvers,
  entities: [Order, OrderItem, OrderStatusChange, CartItem, CatalogProduct, CustomerAddress, CreditLineView],
  migrations: [CreateEventTables1763800000000, CreateOrders1763800000300, OrderLifecycle1763800000301],
  createContext,
  consumers: orderConsumers,
  afterEvent: afterOrderEvent,
  subscriptions: true,
});
