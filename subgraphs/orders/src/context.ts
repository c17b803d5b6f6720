import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { CartService } from './services/CartService';
import { OrderService } from './services/OrderService';

export interface Context {
  viewer: Viewer | null;
  runtime: SubgraphRuntime;
  loaders: Loaders;
  carts: CartService;
  orders: OrderService;
}

export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return { viewer, runtime, loaders, carts: new CartService(runtime.dataSource, viewer), orders: new OrderService(runtime, loaders, viewer) };
}
