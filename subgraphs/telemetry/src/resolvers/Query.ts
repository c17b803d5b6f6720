import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  device: (_, { id }, { devices }) => devices.byId(id),
  devices: (_, { first, after }, { devices }) => devices.mine(first, after),
  telemetry: (_, args, { telemetry }) => telemetry.history(args),
};
