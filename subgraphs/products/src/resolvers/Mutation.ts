import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createCategory: (_, { input }, { admin }) => admin.createCategory(input),
  createProduct: (_, { input }, { admin }) => admin.createProduct(input),
  updateProduct: (_, { id, input }, { admin }) => admin.updateProduct(id, input),
  adjustStock: (_, { productId, delta, reason }, { admin }) => admin.adjustStock(productId, delta, reason),
  addReview: (_, { input }, { reviews }) => reviews.addReview(input),
  addToWishlist: (_, { productId }, { wishlist }) => wishlist.add(productId),
  removeFromWishlist: (_, { productId }, { wishlist }) => wishlist.remove(productId),
};
