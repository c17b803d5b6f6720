import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  addToCart: (_, { productId, quantity }, { carts }) => carts.add(productId, quantity),
  updateCartItem: (_, { productId, quantity }, { carts }) => carts.update(productId, quantity),
  removeFromCart: (_, { productId }, { carts }) => carts.remove(productId),
  checkout: (_, { input }, { orders }) => orders.checkout(input),
  cancelOrder: (_, { id, reason }, { orders }) => orders.cancel(id, reason),
};
