import type { Resolvers } from '../__generated__/resolvers-types';
import { DateTime } from './DateTime';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_, __, { users }) => users.me(),
    user: (_, { id }, { users }) => users.user(id),
  },
  Mutation: {
    register: (_, { input }, { auth }) => auth.register(input),
    login: (_, { input }, { auth }) => auth.login(input),
    refreshToken: (_, { token }, { auth }) => auth.refresh(token),
    logout: (_, { refreshToken }, { auth }) => auth.logout(refreshToken),
    addAddress: (_, { input }, { users }) => users.addAddress(input),
    updateProfile: (_, { input }, { users }) => users.updateProfile(input),
    createApiKey: (_, { input }, { apiKeys }) => apiKeys.create(input),
    revokeApiKey: (_, { id }, { apiKeys }) => apiKeys.revoke(id),
  },
  User: {
    __resolveReference: ({ id }, { loaders }) => loaders.userById.load(id),
    email: (user, _, { users }) => (users.canSeeEmail(user) ? user.email : null),
    addresses: (user, _, { users }) => users.addresses(user),
    apiKeys: (user, _, { apiKeys }) => apiKeys.listFor(user.id),
  },
};
