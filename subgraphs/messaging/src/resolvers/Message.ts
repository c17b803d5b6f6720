import type { MessageResolvers } from '../__generated__/resolvers-types';
import { userReference } from '../views';

export const Message: MessageResolvers = {
  __resolveReference: ({ id }, { messages }) => messages.readable(id),
  room: async (message, _, { loaders }) => (await loaders.roomById.load(message.roomId))!,
  sender: (message) => userReference(message.senderId),
  reactions: (message, _, { messages }) => messages.reactions(message),
  readBy: (message, _, { messages }) => messages.readBy(message),
};
