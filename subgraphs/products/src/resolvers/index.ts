import { notFound } from '@supergraph/errors';
import type { Resolvers } from '../__generated__/resolvers-types';
import { DateTime } from '@supergraph/service-kit';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    products: (_, { filter, sort, first, after }, { catalog }) => catalog.products(filter, sort, first, after) as never,
    product: (_, { id }, { catalog }) => catalog.product(id),
    categories: (_, __, { catalog }) => catalog.categories(),
  },
  Mutation: {
    createCategory: (_, { input }, { admin }) => admin.createCategory(input),
    createProduct: (_, { input }, { admin }) => admin.createProduct(input),
    updateProduct: (_, { id, input }, { admin }) => admin.updateProduct(id, input),
    adjustStock: (_, { productId, delta }, { admin }) => admin.adjustStock(productId, delta),
    addReview: (_, { input }, { reviews }) => reviews.addReview(input),
    addToWishlist: (_, { productId }, { wishlist }) => wishlist.add(productId),
    removeFromWishlist: (_, { productId }, { wishlist }) => wishlist.remove(productId),
  },
  ProductConnection: {
    totalCount: (connection) => (typeof connection.totalCount === 'function' ? (connection.totalCount as () => Promise<number>)() : connection.totalCount),
  },
  ReviewConnection: {
    totalCount: (connection) => (typeof connection.totalCount === 'function' ? (connection.totalCount as () => Promise<number>)() : connection.totalCount),
  },
  Product: {
    __resolveReference: ({ id }, { loaders }) => loaders.productById.load(id),
    price: (product) => ({ amount: product.priceAmount, currency: product.priceCurrency }),
    category: async (product, _, { loaders }) => {
      const category = await loaders.categoryById.load(product.categoryId);
      if (!category) throw notFound('Category not found');
      return category;
    },
    inStock: (product) => product.stock > 0,
    rating: (product) => (product.ratingAvg === null ? null : Math.round(product.ratingAvg * 100) / 100),
    reviews: (product, { first, after }, { catalog }) => catalog.reviews(product.id, first, after) as never,
  },
  Category: {
    __resolveReference: ({ id }, { loaders }) => loaders.categoryById.load(id),
    products: (category, { first, after }, { catalog }) => catalog.products({ categoryId: category.id }, null, first, after) as never,
  },
  Review: {
    __resolveReference: ({ id }, { loaders }) => loaders.reviewById.load(id),
    author: (review) => ({ __typename: 'User', id: review.authorId }) as never,
    product: async (review, _, { loaders }) => {
      const product = await loaders.productById.load(review.productId);
      if (!product) throw notFound('Product not found');
      return product;
    },
  },
  User: {
    wishlist: (user, _, { wishlist }) => wishlist.of(user.id),
  },
};
