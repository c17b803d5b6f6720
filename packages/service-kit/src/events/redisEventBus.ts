import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { ConsumeOptions, DomainEvent, EventBus, Subscription } from './types';

export interface RedisEventBusOptions {
  url: string;
  /** Prefix of every stream key; lets tests and tenants share a server. */
  keyPrefix?: string;
  logger?: Logger;
  /** An entry left unacknowledged this long by a consumer that went away is claimed by another. */
  claimIdleMs?: number;
  /** Streams are trimmed to about this many entries. */
  maxLength?: number;
}

type StreamEntry = { id: string; message: Record<string, string> };

/**
 * Redis Streams with consumer groups: one stream per topic, one group per consuming service.
 * An entry is acknowledged (XACK) only after its handler committed. A restarted consumer first
 * re-reads its own pending entries; entries of a consumer that never came back are claimed after
 * `claimIdleMs` (XAUTOCLAIM).
 */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis';
  private readonly client: RedisClientType;
  private readonly readers = new Set<RedisClientType>();
  private readonly prefix: string;
  private readonly claimIdleMs: number;
  private readonly maxLength: number;

  private constructor(
    client: RedisClientType,
    private readonly options: RedisEventBusOptions,
  ) {
    this.client = client;
    this.prefix = options.keyPrefix ?? '';
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
    this.maxLength = options.maxLength ?? 100_000;
  }

  static async connect(options: RedisEventBusOptions): Promise<RedisEventBus> {
    const client = createClient({ url: options.url }) as RedisClientType;
    client.on('error', (error) => options.logger?.warn('redis event bus connection error', { error: String(error) }));
    await client.connect();
    return new RedisEventBus(client, options);
  }

  streamKey(topic: string) {
    return `${this.prefix}stream:${topic}`;
  }

  async publish(event: DomainEvent): Promise<void> {
    await this.client.xAdd(
      this.streamKey(event.topic),
      '*',
      { id: event.id, topic: event.topic, occurredAt: event.occurredAt, payload: JSON.stringify(event.payload) },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.maxLength } },
    );
  }

  async consume(options: ConsumeOptions): Promise<Subscription> {
    const keys = options.topics.map((t) => this.streamKey(t));
    for (const key of keys) {
      try {
        await this.client.xGroupCreate(key, options.group, '0', { MKSTREAM: true });
      } catch (error) {
        if (!String(error).includes('BUSYGROUP')) throw error;
      }
    }
    const reader = this.client.duplicate() as RedisClientType;
    reader.on('error', (error) => this.options.logger?.warn('redis event reader error', { error: String(error) }));
    await reader.connect();
    this.readers.add(reader);
    let running = true;
    const loop = this.readLoop(reader, keys, options, () => running);
    return {
      stop: async () => {
        running = false;
        await loop;
        this.readers.delete(reader);
        await reader.quit().catch(() => undefined);
      },
    };
  }

  private async readLoop(reader: RedisClientType, keys: string[], options: ConsumeOptions, isRunning: () => boolean) {
    // First our own pending entries (a previous run of this consumer died before acknowledging them).
    let backlog = true;
    let lastClaim = 0;
    while (isRunning()) {
      try {
        if (Date.now() - lastClaim > this.claimIdleMs / 2) {
          lastClaim = Date.now();
          await this.claimAbandoned(keys, options);
        }
        const streams = keys.map((key) => ({ key, id: backlog ? '0' : '>' }));
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the redis client types this reply loosely; the cast is what gives `messages` its type below (the rule misreads it)
        const reply = (await reader.xReadGroup(options.group, options.consumer, streams, { COUNT: 100, BLOCK: backlog ? undefined : 500 })) as { name: string; messages: StreamEntry[] }[] | null;
        let count = 0;
        for (const stream of reply ?? []) {
          for (const entry of stream.messages) {
            if (!entry?.message) continue;
            count++;
            await this.handleEntry(stream.name, entry, options);
          }
        }
        if (backlog && count === 0) backlog = false;
      } catch (error) {
        if (!isRunning()) break;
        this.options.logger?.warn('event read failed; retrying', { group: options.group, error: String(error) });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async claimAbandoned(keys: string[], options: ConsumeOptions) {
    for (const key of keys) {
      const claimed = (await this.client.xAutoClaim(key, options.group, options.consumer, this.claimIdleMs, '0-0', { COUNT: 100 })) as {
        messages: (StreamEntry | null)[];
      };
      for (const entry of claimed.messages) if (entry?.message) await this.handleEntry(key, entry, options);
    }
  }

  private async handleEntry(key: string, entry: StreamEntry, options: ConsumeOptions) {
    const event = this.decode(key, entry);
    try {
      await options.handle(event);
      await this.client.xAck(key, options.group, entry.id);
    } catch (error) {
      // Left pending: re-read on this consumer's next start, or claimed by a peer after claimIdleMs.
      this.options.logger?.error('event handler failed; left pending for retry', { group: options.group, topic: event.topic, eventId: event.id, error });
    }
  }

  /**
   * An entry as the event it carries. Decoding never throws: an entry written by anything but
   * `publish` (a missing field, a payload that is not JSON) still reaches the consumer, whose
   * contract check dead-letters it, rather than failing on every read and staying pending forever.
   * The topic is the stream's, whatever the entry claims.
   */
  private decode(key: string, entry: StreamEntry): DomainEvent {
    const { id, occurredAt, payload } = entry.message;
    let body: unknown = payload;
    try {
      body = payload === undefined ? undefined : JSON.parse(payload);
    } catch {
      // Left as the raw text: it matches no contract, so the consumer dead-letters it.
    }
    return { id, topic: key.slice(`${this.prefix}stream:`.length), occurredAt, payload: body };
  }

  async close(): Promise<void> {
    await Promise.all([...this.readers].map((r) => r.quit().catch(() => undefined)));
    this.readers.clear();
    await this.client.quit().catch(() => undefined);
  }
}
