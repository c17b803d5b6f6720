import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Address } from './entities/Address';
import { Courier } from './entities/Courier';
import { Delivery } from './entities/Delivery';
import { DeliveryStatusChange } from './entities/DeliveryStatusChange';
import { ShippingQuote } from './entities/ShippingQuote';
import { TrackingPoint } from './entities/TrackingPoint';
import { CreateDelivery1796184449828 } from './migrations/1796184449828-CreateDelivery';
import { resolvers } from './resolvers';
import { afterDeliveryEvent, deliveryConsumers } from './services/consumers';
import { sweeperOf } from './services/sweeper';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/**
 * Shipping quotes, couriers and deliveries; serves `deliveryTracking` over graphql-ws. No seed:
 * couriers and addresses arrive as users' events, zones and prices are code (domain/zones.ts).
 */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'delivery',
  typeDefs,
  resolvers,
  entities: [Courier, Address, ShippingQuote, Delivery, TrackingPoint, DeliveryStatusChange],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreateDelivery1796184449828],
  createContext,
  consumers: deliveryConsumers,
  // The periodic assignment pass, stopped by the kit before the database closes.
  background: (runtime) => sweeperOf(runtime),
  afterEvent: afterDeliveryEvent,
  subscriptions: true,
});
