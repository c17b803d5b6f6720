import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  me: (_, __, { users }) => users.me(),
  user: (_, { id }, { users }) => users.user(id),
};
