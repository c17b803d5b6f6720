import type { Logger } from '../logger';
import type { ConsumeOptions, DomainEvent, EventBus, Subscription } from './types';

interface Group {
  options: ConsumeOptions;
  /** Events of one group are handled in order, one at a time, like a single Redis consumer. */
  tail: Promise<void>;
}

/**
 * In-process event bus for the embedded default (everything in one process).
 *
 * It keeps nothing itself: `publish` resolves only when every group has handled the event, so the
 * outbox relay marks an event published only after its effects are committed everywhere. If the
 * process dies first, the relay publishes it again on restart and idempotent consumers skip what
 * they already did. That gives the same no-loss guarantee as Redis Streams without a server.
 */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory';
  private readonly groups = new Map<string, Group>();
  private closed = false;

  constructor(
    private readonly logger?: Logger,
    private readonly retries = 5,
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    if (this.closed) throw new Error('Event bus is closed');
    const deliveries: Promise<void>[] = [];
    for (const group of this.groups.values()) {
      if (!group.options.topics.includes(event.topic)) continue;
      const delivery = group.tail.then(() => this.deliver(group.options, event));
      group.tail = delivery.catch(() => undefined);
      deliveries.push(delivery);
    }
    await Promise.all(deliveries);
  }

  private async deliver(options: ConsumeOptions, event: DomainEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.handle(event);
      } catch (error) {
        if (attempt >= this.retries) {
          this.logger?.error('event handler failed; the relay will publish the event again', { group: options.group, topic: event.topic, eventId: event.id, error });
          throw error;
        }
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  }

  async consume(options: ConsumeOptions): Promise<Subscription> {
    const key = `${options.group}/${options.consumer}/${options.topics.join(',')}`;
    this.groups.set(key, { options, tail: Promise.resolve() });
    return {
      stop: async () => {
        const group = this.groups.get(key);
        this.groups.delete(key);
        await group?.tail;
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.groups.values()].map((g) => g.tail));
    this.groups.clear();
  }
}
