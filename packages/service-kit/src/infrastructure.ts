import type { Logger } from './logger';
import type { EventBus } from './events/types';
import { MemoryEventBus } from './events/memoryEventBus';
import { RedisEventBus } from './events/redisEventBus';
import { MemoryPubSub, RedisPubSub, type PubSub } from './pubsub';

/** The messaging a subgraph runs on: Redis when a URL is given, in-process otherwise (embedded mode). */
export interface Messaging {
  bus: EventBus;
  pubsub: PubSub;
  /** Where Redis is, for a subgraph's own keys (e.g. presence with expiry); absent in-process. */
  redis?: { url: string; keyPrefix: string };
  close(): Promise<void>;
}

export async function connectMessaging({ redisUrl, keyPrefix = 'sg:', logger }: { redisUrl?: string; keyPrefix?: string; logger?: Logger }): Promise<Messaging> {
  if (!redisUrl) {
    const bus = new MemoryEventBus(logger);
    const pubsub = new MemoryPubSub();
    return { bus, pubsub, close: async () => void (await Promise.all([bus.close(), pubsub.close()])) };
  }
  const bus = await RedisEventBus.connect({ url: redisUrl, keyPrefix, logger });
  const pubsub = await RedisPubSub.connect({ url: redisUrl, keyPrefix, logger });
  return { bus, pubsub, redis: { url: redisUrl, keyPrefix }, close: async () => void (await Promise.all([bus.close(), pubsub.close()])) };
}
