import { refusedStream } from '@supergraph/service-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Message } from '../entities/Message';
import type { Notification } from '../entities/Notification';
import type { PresenceView, TypingView } from '../views';

// Refusals (not a participant, bad input) go out as a failed stream: the router tells them from events.
export const Subscription: SubscriptionResolvers = {
  messageAdded: {
    subscribe: (_, { roomId }, { messages }) => messages.followAdded(roomId).catch(refusedStream),
    resolve: (message: Message) => message,
  },
  messageUpdated: {
    subscribe: (_, { roomId }, { messages }) => messages.followUpdated(roomId).catch(refusedStream),
    resolve: (message: Message) => message,
  },
  typing: {
    subscribe: (_, { roomId }, { typing }) => typing.follow(roomId).catch(refusedStream),
    resolve: (event: TypingView) => event,
  },
  presenceChanged: {
    subscribe: (_, { userIds }, { presence }) => presence.follow(userIds).catch(refusedStream),
    resolve: (presence: PresenceView) => presence,
  },
  notificationAdded: {
    subscribe: (_, __, { notifications }) =>
      Promise.resolve()
        .then(() => notifications.follow())
        .catch(refusedStream),
    resolve: (notification: Notification) => notification,
  },
};
