import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { PresenceHub } from './presence/hub';
import { MessageService } from './services/MessageService';
import { NotificationService } from './services/NotificationService';
import { PresenceService } from './services/PresenceService';
import { RoomService } from './services/RoomService';
import { TypingService } from './services/TypingService';
import type { MessagingSettings } from './settings';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  rooms: RoomService;
  messages: MessageService;
  typing: TypingService;
  presence: PresenceService;
  notifications: NotificationService;
}

/** One per operation (per subscription for graphql-ws): fresh loaders, services bound to the caller. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime, settings: MessagingSettings): Context {
  const loaders = createLoaders(runtime.dataSource, viewer?.userId ?? null);
  return {
    viewer,
    loaders,
    rooms: new RoomService(runtime, loaders, viewer),
    messages: new MessageService(runtime, loaders, viewer),
    typing: new TypingService(runtime, loaders, viewer),
    presence: new PresenceService(PresenceHub.of(runtime, presenceSettings(settings)), loaders, viewer),
    notifications: new NotificationService(runtime, loaders, viewer),
  };
}

export const presenceSettings = (settings: MessagingSettings) => ({ heartbeatTtlMs: settings.PRESENCE_HEARTBEAT_TTL_MS, sweepMs: settings.PRESENCE_SWEEP_MS });
