import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext, presenceSettings } from './context';
import { KnownUser } from './entities/KnownUser';
import { Message } from './entities/Message';
import { Notification } from './entities/Notification';
import { Reaction } from './entities/Reaction';
import { Room } from './entities/Room';
import { RoomMember } from './entities/RoomMember';
import { CreateMessaging1796190105943 } from './migrations/1796190105943-CreateMessaging';
import { PresenceHub } from './presence/hub';
import { presenceRoute } from './presence/route';
import { resolvers } from './resolvers';
import { seedMessaging } from './seed';
import { afterMessagingEvent, messagingConsumers } from './services/consumers';
import { messagingSettings } from './settings';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/**
 * Rooms and messages, typing, presence (fed by the routers' graphql-ws connections and heartbeats)
 * and a notification inbox fed by other domains' events. Serves its subscriptions over graphql-ws.
 */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'messaging',
  typeDefs,
  resolvers,
  settings: messagingSettings,
  entities: [KnownUser, Room, RoomMember, Message, Reaction, Notification],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreateMessaging1796190105943],
  createContext,
  consumers: messagingConsumers,
  afterEvent: afterMessagingEvent,
  routes: (runtime, settings) => ({ '/internal/presence': presenceRoute(runtime, PresenceHub.of(runtime, presenceSettings(settings))) }),
  // The presence sweeper; it also closes the presence store.
  background: (runtime, settings) => PresenceHub.of(runtime, presenceSettings(settings)).start(),
  seed: seedMessaging,
  subscriptions: true,
});
