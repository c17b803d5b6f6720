import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { DeviceService } from './services/DeviceService';
import { TelemetryService } from './services/TelemetryService';
import { retentionMs, type Settings } from './settings';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  devices: DeviceService;
  telemetry: TelemetryService;
}

/** One per operation (per subscription for graphql-ws): fresh loaders, the services bound to the caller. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: Settings): Context {
  const loaders = createLoaders(runtime.dataSource);
  const devices = new DeviceService(runtime, loaders, viewer);
  return { viewer, loaders, devices, telemetry: new TelemetryService(runtime, devices, viewer, retentionMs(settings)) };
}
