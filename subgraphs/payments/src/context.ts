import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { CreditService } from './services/credit';
import { engineFor } from './services/engine';
import { PaymentService } from './services/PaymentService';
import type { PaymentsSettings } from './settings';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  payments: PaymentService;
  credit: CreditService;
}

/** A fresh context per operation: loaders cache only within one request. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: PaymentsSettings): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    loaders,
    payments: new PaymentService(viewer, runtime.dataSource, loaders, engineFor(runtime, settings)),
    credit: new CreditService(runtime),
  };
}
