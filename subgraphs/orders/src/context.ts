import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { CartService } from './services/CartService';
import { OrderService } from './services/OrderService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  carts: CartService;
  orders: OrderService;
}

/** One per operation (per subscription for graphql-ws): fresh loaders, services bound to the caller. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    loaders,
    carts: new CartService(runtime.dataSource, viewer),
    orders: new OrderService(runtime, loaders, viewer),
  };
}
