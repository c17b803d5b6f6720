import { notFound } from '@supergraph/errors';
import type { ProductConnectionResolvers, ProductResolvers } from '../__generated__/resolvers-types';

export const Product: ProductResolvers = {
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
};

export const ProductConnection: ProductConnectionResolvers = {
  totalCount: (connection) => connection.totalCount(),
};
