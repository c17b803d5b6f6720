import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { PaymentService } from './services/PaymentService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  payments: PaymentService;
}

/** A fresh context per operation: loaders cache only within one request. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return { viewer, loaders, payments: new PaymentService(runtime.dataSource, loaders) };
}
