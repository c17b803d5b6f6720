import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.userById.load(id),
  email: (user, _, { users }) => (users.canSeeEmail(user) ? user.email : null),
  addresses: (user, _, { users }) => users.addresses(user),
  apiKeys: (user, _, { apiKeys }) => apiKeys.listFor(user.id),
};
