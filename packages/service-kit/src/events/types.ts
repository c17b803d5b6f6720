/** A fact one subgraph announces to the others. `id` is what consumers deduplicate on. */
export interface DomainEvent<TPayload = unknown> {
  id: string;
  topic: string;
  occurredAt: string;
  payload: TPayload;
}

export interface ConsumeOptions {
  /** The consuming service: a consumer group; each group sees every event once. */
  group: string;
  /** This process within the group. Stable across restarts so that its unacknowledged events are retried at once. */
  consumer: string;
  topics: string[];
  /** Resolves once the event's effects are committed; only then is it acknowledged. Throw to have it retried. */
  handle(event: DomainEvent): Promise<void>;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** A durable, at-least-once event stream with consumer groups (Redis Streams, or in-process). */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  publish(event: DomainEvent): Promise<void>;
  consume(options: ConsumeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
