import { refusedStream } from '@supergraph/service-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Reading } from '../domain/reading';

export const Subscription: SubscriptionResolvers = {
  telemetryUpdated: {
    subscribe: (_, { deviceId, metrics }, { telemetry }) => telemetry.follow(deviceId, metrics).catch(refusedStream),
    resolve: (reading: Reading) => reading,
  },
};
