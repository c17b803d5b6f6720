import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  payment: (_, { id }, { payments }) => payments.byId(id),
};
