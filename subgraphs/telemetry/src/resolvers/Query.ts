import type { QueryResolvers } from '../__generated__/resolvers-types';
import { asDate } from '../domain/reading';

export const Query: QueryResolvers = {
  device: (_, { id }, { devices }) => devices.byId(id),
  devices: (_, { first, after }, { devices }) => devices.mine(first, after),
  telemetry: (_, { from, to, ...args }, { telemetry }) => telemetry.history({ ...args, from: asDate(from), to: asDate(to) }),
};
