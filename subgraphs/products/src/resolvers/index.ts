import { DateTime } from '@supergraph/service-kit';
import { notFound } from '@supergraph/errors';
import type { Resolvers } from '../__generated__/resolvers-types';

/** Thin: unpack arguments, call a service or a loader, map entity columns to schema fields. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    products: (_, { filter, sort, first, after }, { catalog }) => catalog.products(filter, sort, first, after),
    product: (_, { id }, { catalog }) => catalog.product(id),
    categories: (_, __, { catalog }) => catalog.categories(),
  },
  Mutation: {
    createCategory: (_, { input }, { admin }) => admin.createCategory(input),
    createProduct: (_, { input }, { admin }) => admin.createProduct(input),
    updateProduct: (_, { id, input }, { admin }) => admin.updateProduct(id, input),
    adjustStock: (_, { productId, delta, reason }, { admin }) => admin.adjustStock(productId, delta, reason),
    addReview: (_, { input }, { reviews }) => reviews.addReview(input),
    addToWishlist: (_, { productId }, { wishlist }) => wishlist.add(productId),
    removeFromWishlist: (_, { productId }, { wishlist }) => wishlist.remove(productId),
  },
  ProductConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  ReviewConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  Product: {
    __resolveReference: ({ id }, { loaders }) => loaders.productById.load(id),
    price: (product) => ({ amount: product.priceAmount, currency: product.priceCurrency }),
    category: async (product, _, { loaders }) => {
      const category = await loaders.categoryById.load(product.categoryId);
      // The foreign key makes this unreachable; a clear error beats a null in a non-null field.
      if (!category) throw notFound('Category not found', { categoryId: product.categoryId });
      return category;
    },
    inStock: (product) => product.stock > 0,
    rating: (product) => (product.ratingAvg === null ? null : Math.round(product.ratingAvg * 100) / 100),
    reviews: (product, { first, after }, { catalog }) => catalog.reviews(product, first, after),
  },
  Category: {
    __resolveReference: ({ id }, { loaders }) => loaders.categoryById.load(id),
    products: (category, { first, after }, { catalog }) => catalog.categoryProducts(category.id, first, after),
  },
  Review: {
    __resolveReference: ({ id }, { loaders }) => loaders.reviewById.load(id),
    author: (review) => ({ id: review.authorId }),
    product: async (review, _, { loaders }) => {
      const product = await loaders.productById.load(review.productId);
      if (!product) throw notFound('Product not found', { productId: review.productId });
      return product;
    },
  },
  User: {
    // Any user id is a valid reference: the users subgraph decides whether the user exists.
    __resolveReference: ({ id }) => ({ id }),
    wishlist: (user, _, { wishlist }) => wishlist.of(user.id),
  },
};
