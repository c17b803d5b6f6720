import { signedIn } from '../context';
import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  register: async (_, { input }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.register(input)),
  login: async (_, { input }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.login(input)),
  refreshToken: async (_, { token }, ctx) => signedIn(ctx, ctx.runtime, await ctx.auth.refresh(token)),
  logout: (_, { refreshToken }, { auth }) => auth.logout(refreshToken),
  addAddress: (_, { input }, { users }) => users.addAddress(input),
  updateProfile: (_, { input }, { users }) => users.updateProfile(input),
  createApiKey: (_, { input }, { apiKeys }) => apiKeys.create(input),
  revokeApiKey: (_, { id }, { apiKeys }) => apiKeys.revoke(id),
};
