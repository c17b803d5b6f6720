import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createRoom: (_, { input }, { rooms }) => rooms.create(input),
  sendMessage: (_, { input }, { messages }) => messages.send(input),
  editMessage: (_, { input }, { messages }) => messages.edit(input),
  reactToMessage: (_, { input }, { messages }) => messages.react(input),
  markRoomRead: (_, { roomId }, { rooms }) => rooms.markRead(roomId),
  setTyping: (_, { roomId, typing }, { typing: typingService }) => typingService.set(roomId, typing),
  heartbeat: (_, { status }, { presence }) => presence.heartbeat(status),
  markNotificationRead: (_, { id }, { notifications }) => notifications.markRead(id),
};
