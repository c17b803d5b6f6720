import type { DeviceResolvers } from '../__generated__/resolvers-types';

export const Device: DeviceResolvers = {
  // Other subgraphs' references to a device, batched per request.
  __resolveReference: ({ id }, { loaders }) => loaders.deviceById.load(id),
};
