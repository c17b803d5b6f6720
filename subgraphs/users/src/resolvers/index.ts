import type { Resolvers } from '../__generated__/resolvers-types';
import { signedIn } from '../context';
import { DateTime } from '@supergraph/service-kit';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_, __, { users }) => users.me(),
    user: (_, { id }, { users }) => users.user(id),
  },
  Mutation: {
    register: async (_, { input }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.register(input)),
    login: async (_, { input }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.login(input)),
    refreshToken: async (_, { token }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.refresh(token)),
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
