import type { MutationResolvers } from '../__generated__/resolvers-types';
import { asDate } from '../domain/reading';

export const Mutation: MutationResolvers = {
  registerDevice: (_, { input }, { devices }) => devices.register(input),
  rotateDeviceKey: (_, { deviceId }, { devices }) => devices.rotateKey(deviceId),
  revokeDeviceKey: (_, { deviceId }, { devices }) => devices.revokeKey(deviceId),
  ingestTelemetry: (_, { readings }, { telemetry }) => telemetry.ingest(readings.map((r) => ({ ...r, at: asDate(r.at) }))),
};
