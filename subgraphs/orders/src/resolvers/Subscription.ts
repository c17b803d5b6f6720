import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Order } from '../entities/Order';

/**
 * A stream that fails at once. graphql-ws answers it with an `error` message (the operation
 * failed, no event), which is how the router tells a refused subscription from an event; an
 * error thrown by `subscribe` itself would go out as an event carrying only errors.
 */
function refused(error: unknown): AsyncIterableIterator<never> {
  return {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on the subgraph's refusal as it came
    next: () => Promise.reject(error),
    return: async () => ({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export const Subscription: SubscriptionResolvers = {
  // The service authorizes before the first event; each event is the order itself.
  orderStatusChanged: {
    subscribe: (_, { orderId }, { orders }) => orders.follow(orderId).catch(refused),
    resolve: (order: Order) => order,
  },
};
