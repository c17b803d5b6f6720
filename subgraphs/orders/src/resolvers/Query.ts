import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  cart: (_, __, { carts }) => carts.cart(),
  order: (_, { id }, { orders }) => orders.order(id),
};
