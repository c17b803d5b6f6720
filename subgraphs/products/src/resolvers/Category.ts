import type { CategoryResolvers } from '../__generated__/resolvers-types';

export const Category: CategoryResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.categoryById.load(id),
  products: (category, { first, after }, { catalog }) => catalog.categoryProducts(category.id, first, after),
};
