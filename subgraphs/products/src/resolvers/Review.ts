import { notFound } from '@supergraph/errors';
import type { ReviewConnectionResolvers, ReviewResolvers } from '../__generated__/resolvers-types';

export const Review: ReviewResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.reviewById.load(id),
  author: (review) => ({ id: review.authorId }),
  product: async (review, _, { loaders }) => {
    const product = await loaders.productById.load(review.productId);
    if (!product) throw notFound('Product not found', { productId: review.productId });
    return product;
  },
};

export const ReviewConnection: ReviewConnectionResolvers = {
  totalCount: (connection) => connection.totalCount(),
};
