import { refusedStream } from '@supergraph/service-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Order } from '../entities/Order';

export const Subscription: SubscriptionResolvers = {
  // The service authorizes before the first event; each event is the order itself.
  orderStatusChanged: {
    subscribe: (_, { orderId }, { orders }) => orders.follow(orderId).catch(refusedStream),
    resolve: (order: Order) => order,
  },
};
