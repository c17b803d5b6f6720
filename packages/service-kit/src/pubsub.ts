import { EventEmitter } from 'node:events';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger';

/**
 * Live updates between the instances of a subgraph (rule 4 of DESIGN.md): what is published on
 * one instance reaches subscribers on every instance. Fire-and-forget, unlike the event bus.
 */
export interface PubSub {
  readonly kind: 'redis' | 'memory';
  publish<T>(channel: string, payload: T): Promise<void>;
  /** An async iterator of the channel's messages; `return()` unsubscribes. */
  subscribe<T>(channel: string, options?: { bufferSize?: number }): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

type Listener = (payload: unknown) => void;

/**
 * Turns push callbacks into an async iterator with a bounded buffer: a consumer that falls more
 * than `bufferSize` messages behind loses the oldest ones rather than growing memory without end.
 */
function iteratorFrom<T>(attach: (push: Listener) => () => void, bufferSize: number): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | undefined;
  let done = false;
  const detach = attach((payload) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: payload as T, done: false });
    } else {
      buffer.push(payload as T);
      if (buffer.length > bufferSize) buffer.shift();
    }
  });
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      detach();
      buffer.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (buffer.length) return Promise.resolve({ value: buffer.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw(error?: unknown) {
      void finish();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- AsyncIterator.throw() rejects with whatever it was given
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export class MemoryPubSub implements PubSub {
  readonly kind = 'memory';
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish<T>(channel: string, payload: T) {
    // Deliver a copy, as Redis would, so that no subscriber shares an object with the publisher.
    this.emitter.emit(channel, JSON.parse(JSON.stringify(payload)));
  }

  subscribe<T>(channel: string, { bufferSize = 1000 } = {}) {
    return iteratorFrom<T>((push) => {
      this.emitter.on(channel, push);
      return () => this.emitter.off(channel, push);
    }, bufferSize);
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

export class RedisPubSub implements PubSub {
  readonly kind = 'redis';
  private readonly local = new EventEmitter().setMaxListeners(0);
  /** Redis channels this process is subscribed to; one Redis subscription serves every local listener. */
  private readonly channels = new Map<string, number>();

  private constructor(
    private readonly publisher: RedisClientType,
    private readonly subscriber: RedisClientType,
    private readonly prefix: string,
  ) {}

  static async connect({ url, keyPrefix = '', logger }: { url: string; keyPrefix?: string; logger?: Logger }) {
    const publisher = createClient({ url }) as RedisClientType;
    publisher.on('error', (error) => logger?.warn('redis pubsub connection error', { error: String(error) }));
    const subscriber = publisher.duplicate() as RedisClientType;
    subscriber.on('error', (error) => logger?.warn('redis pubsub subscriber error', { error: String(error) }));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new RedisPubSub(publisher, subscriber, keyPrefix);
  }

  async publish<T>(channel: string, payload: T) {
    await this.publisher.publish(this.prefix + channel, JSON.stringify(payload));
  }

  subscribe<T>(channel: string, { bufferSize = 1000 } = {}) {
    return iteratorFrom<T>((push) => {
      this.local.on(channel, push);
      const count = (this.channels.get(channel) ?? 0) + 1;
      this.channels.set(channel, count);
      if (count === 1) {
        void this.subscriber.subscribe(this.prefix + channel, (message) => this.local.emit(channel, JSON.parse(message)));
      }
      return () => {
        this.local.off(channel, push);
        const left = (this.channels.get(channel) ?? 1) - 1;
        if (left > 0) this.channels.set(channel, left);
        else {
          this.channels.delete(channel);
          void this.subscriber.unsubscribe(this.prefix + channel).catch(() => undefined);
        }
      };
    }, bufferSize);
  }

  /** Redis channels currently subscribed (for leak checks). */
  get subscribedChannels() {
    return this.channels.size;
  }

  async close() {
    this.local.removeAllListeners();
    await Promise.all([this.publisher.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
  }
}
