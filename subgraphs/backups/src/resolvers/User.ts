import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ __typename: 'User', id }),
  // A page of users asks once: batched by owner.
  backupAgents: (user, { first }, { agents }) => agents.ofUser(user.id, first),
};
