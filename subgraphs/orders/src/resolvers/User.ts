import type { UserResolvers } from '../__generated__/resolvers-types';

/** orders contributes `User.orders`; users resolves the rest of the user. */
export const User: UserResolvers = {
  orders: (user, { first, after, status }, { orders }) => orders.ordersOf(user.id, { first, after, status }),
};
