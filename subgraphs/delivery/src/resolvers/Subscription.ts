import { refusedStream } from '@supergraph/service-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Delivery } from '../entities/Delivery';

export const Subscription: SubscriptionResolvers = {
  deliveryTracking: {
    subscribe: (_, { orderId }, { deliveries }) => deliveries.follow(orderId).catch(refusedStream),
    resolve: (delivery: Delivery) => delivery,
  },
};
