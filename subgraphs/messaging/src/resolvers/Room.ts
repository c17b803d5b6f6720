import type { RoomResolvers } from '../__generated__/resolvers-types';

export const Room: RoomResolvers = {
  // Other subgraphs' references, batched per request; null for a viewer not in the room.
  __resolveReference: ({ id }, { rooms }) => rooms.readable(id),
  participants: (room, _, { rooms }) => rooms.participants(room),
  lastMessage: (room, _, { loaders }) => loaders.lastMessageByRoom.load(room.id),
  unreadCount: (room, _, { rooms }) => rooms.unreadCount(room),
  messages: (room, { first, after }, { rooms }) => rooms.messages(room, first, after),
};
