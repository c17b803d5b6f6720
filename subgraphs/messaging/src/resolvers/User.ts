import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ __typename: 'User', id }),
  presence: ({ id }, _, { presence }) => presence.of(id),
  notifications: ({ id }, args, { notifications }) => notifications.inbox(id, args),
  unreadNotificationCount: ({ id }, _, { notifications }) => notifications.unreadCount(id),
};
