import type { PresenceResolvers, ReactionResolvers, TypingEventResolvers } from '../__generated__/resolvers-types';
import { userReference } from '../views';

export const Presence: PresenceResolvers = {
  user: (presence) => userReference(presence.userId),
};

export const Reaction: ReactionResolvers = {
  count: (reaction) => reaction.userIds.length,
  users: (reaction) => reaction.userIds.map(userReference),
};

export const TypingEvent: TypingEventResolvers = {
  room: async (event, _, { loaders }) => (await loaders.roomById.load(event.roomId))!,
  user: (event) => userReference(event.userId),
};
