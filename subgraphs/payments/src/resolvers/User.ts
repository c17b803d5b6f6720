import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ __typename: 'User', id }),
  creditLine: (user, _, { payments }) => payments.creditLineOf(user.id),
};
