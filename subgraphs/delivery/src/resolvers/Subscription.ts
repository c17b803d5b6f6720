import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Delivery } from '../entities/Delivery';

/**
 * A stream that fails at once: graphql-ws answers it with an `error` message (refused, no event),
 * as orders' `orderStatusChanged` does; an error thrown by `subscribe` would go out as an event.
 */
function refused(error: unknown): AsyncIterableIterator<never> {
  return {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- follow()'s rejection passed through unchanged (a coded GraphQLError), so graphql-ws sends it as is
    next: () => Promise.reject(error),
    return: async () => ({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export const Subscription: SubscriptionResolvers = {
  deliveryTracking: {
    subscribe: (_, { orderId }, { deliveries }) => deliveries.follow(orderId).catch(refused),
    resolve: (delivery: Delivery) => delivery,
  },
};
