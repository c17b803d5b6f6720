import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  payment: (_, { id }, { payments }) => payments.byId(id),
  payments: (_, { first }, { payments }) => payments.newest(first),
};
