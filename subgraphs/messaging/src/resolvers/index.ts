import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Message } from './Message';
import { Mutation } from './Mutation';
import { Notification } from './Notification';
import { Query } from './Query';
import { Room } from './Room';
import { Subscription } from './Subscription';
import { User } from './User';
import { Presence, Reaction, TypingEvent } from './views';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Room,
  Message,
  Notification,
  Presence,
  Reaction,
  TypingEvent,
  User,
};
