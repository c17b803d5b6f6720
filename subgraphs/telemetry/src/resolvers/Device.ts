import type { DeviceResolvers } from '../__generated__/resolvers-types';
import { latestKey } from '../loaders';
import { userReference } from '../references';

export const Device: DeviceResolvers = {
  // Other subgraphs' references, batched per request; null for a viewer who may not read it.
  __resolveReference: ({ id }, { devices }) => devices.readable(id),
  owner: (device) => userReference(device.ownerId),
  latest: (device, { metric }, { loaders }) => loaders.latestReading.load(latestKey(device.id, metric)),
  metrics: (device, _, { loaders }) => loaders.metricsByDevice.load(device.id),
};
