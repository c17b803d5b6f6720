import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  products: (_, { filter, sort, first, after }, { catalog }) => catalog.products(filter, sort, first, after),
  product: (_, { id }, { catalog }) => catalog.product(id),
  categories: (_, __, { catalog }) => catalog.categories(),
};
