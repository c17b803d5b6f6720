import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  // Any user id is a valid reference: the users subgraph decides whether the user exists.
  __resolveReference: ({ id }) => ({ id }),
  wishlist: (user, _, { wishlist }) => wishlist.of(user.id),
};
