import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { DeviceService } from './services/DeviceService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  devices: DeviceService;
}

/** A fresh context per operation: loaders cache only within one request. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return { viewer, loaders, devices: new DeviceService(runtime.dataSource, loaders) };
}
