import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { DeliveryService } from './services/DeliveryService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  deliveries: DeliveryService;
}

/** One per operation (per subscription for graphql-ws): fresh loaders, the service bound to the caller. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return { viewer, loaders, deliveries: new DeliveryService(runtime, loaders, viewer) };
}
