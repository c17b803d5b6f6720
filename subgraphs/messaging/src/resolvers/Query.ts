import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  room: (_, { id }, { rooms }) => rooms.byId(id),
  rooms: (_, { first, after }, { rooms }) => rooms.list(first, after),
  notifications: (_, args, { notifications }) => notifications.mine(args),
  unreadMessageCount: (_, __, { rooms }) => rooms.unreadTotal(),
};
