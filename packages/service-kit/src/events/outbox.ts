import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { isTopic, topics, type PayloadOf, type Topic } from '@supergraph/contracts';
import { BACKGROUND_QUERY_TAG } from '../db/database';
import { inTransaction, queryRows } from '../db/transaction';
import type { Logger } from '../logger';
import { checkEvent, recordDeadLetter, type DeadLetter, type DeadLetterCounter } from './deadLetter';
import type { DomainEvent, EventBus, Subscription } from './types';

/**
 * Creates the two tables behind reliable events, in the subgraph's own database:
 * `outbox` (events written in the same transaction as the state change they announce) and
 * `processed_event` (what this subgraph's consumers have already handled, for idempotency).
 * Each subgraph lists this migration among its own.
 */
export class CreateEventTables1763800000000 implements MigrationInterface {
  name = 'CreateEventTables1763800000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE IF NOT EXISTS outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      published_at timestamptz
    )`);
    await q.query(`CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE TABLE IF NOT EXISTS processed_event (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE processed_event');
    await q.query('DROP TABLE outbox');
  }
}

/** Marks the relay's background statements, which `Database.queryCount` leaves out. */
const RELAY_QUERY_TAG = BACKGROUND_QUERY_TAG;

/** A producer's bug: an emit whose topic or payload breaks the contract. The transaction rolls back. */
export class InvalidEventError extends Error {
  constructor(
    readonly topic: string,
    readonly issues: unknown,
  ) {
    super(`Event ${topic} does not match its contract in @supergraph/contracts: ${JSON.stringify(issues)}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Writes an event into the outbox as part of the caller's transaction. The payload is checked
 * against the topic's contract first (the type only guards callers TypeScript sees): a mismatch
 * throws, so nothing is written and the caller's transaction fails with it.
 */
export async function enqueueEvent<T extends Topic>(manager: EntityManager, topic: T, payload: PayloadOf<T>): Promise<DomainEvent<PayloadOf<T>>> {
  if (!isTopic(topic)) throw new InvalidEventError(topic, 'unknown topic');
  const parsed = topics[topic].payload.safeParse(payload);
  if (!parsed.success) throw new InvalidEventError(topic, parsed.error.issues);
  // What the contract declares is what goes out: fields it does not know are left behind.
  const event: DomainEvent<PayloadOf<T>> = { id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload: parsed.data as PayloadOf<T> };
  await manager.query('INSERT INTO outbox (id, topic, payload, occurred_at) VALUES ($1, $2, $3, $4)', [event.id, topic, JSON.stringify(event.payload), event.occurredAt]);
  return event;
}

/**
 * `enqueueEvent` for many events of one topic in one statement: a producer that announces a
 * thousand changes in one transaction (a periodic checker) pays one round trip, not a thousand.
 * Every payload is checked first; one mismatch throws and nothing is written.
 */
export async function enqueueEvents<T extends Topic>(manager: EntityManager, topic: T, payloads: PayloadOf<T>[]): Promise<DomainEvent<PayloadOf<T>>[]> {
  if (!isTopic(topic)) throw new InvalidEventError(topic, 'unknown topic');
  const occurredAt = new Date().toISOString();
  const events = payloads.map((payload): DomainEvent<PayloadOf<T>> => {
    const parsed = topics[topic].payload.safeParse(payload);
    if (!parsed.success) throw new InvalidEventError(topic, parsed.error.issues);
    return { id: randomUUID(), topic, occurredAt, payload: parsed.data as PayloadOf<T> };
  });
  if (!events.length) return events;
  // unnest keeps the order of the arrays, so the outbox's seq follows the order of `payloads`.
  await manager.query('INSERT INTO outbox (id, topic, payload, occurred_at) SELECT id, $2, payload, $3 FROM unnest($1::uuid[], $4::jsonb[]) AS e(id, payload)', [
    events.map((e) => e.id),
    topic,
    occurredAt,
    events.map((e) => JSON.stringify(e.payload)),
  ]);
  return events;
}

export interface OutboxRelayOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a relay owns the rows it took; another relay may take them after that. */
  leaseMs?: number;
  logger?: Logger;
}

/**
 * Publishes the outbox to the event bus, oldest first. Rows are taken with a lease
 * (`FOR UPDATE SKIP LOCKED` in one statement, no transaction held while publishing), published,
 * then marked. A relay that dies mid-way leaves its rows to be taken again when the lease ends:
 * an event may be published twice, never lost; consumers deduplicate by event id.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 10_000;
  }

  start() {
    this.stopped = false;
    this.nudge();
  }

  /** Publish now rather than at the next poll (call after a commit that enqueued events). */
  nudge() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((error) => this.options.logger?.warn('outbox relay pass failed', { error: String(error) }))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else {
          this.timer = setTimeout(() => this.nudge(), this.pollIntervalMs);
        }
      });
  }

  private async drain() {
    for (;;) {
      const rows = await queryRows<{ seq: string; id: string; topic: string; payload: unknown; occurred_at: Date }>(
        this.dataSource,
        `${RELAY_QUERY_TAG} UPDATE outbox SET claimed_until = now() + ($2 || ' milliseconds')::interval
          WHERE seq IN (
            SELECT seq FROM outbox
             WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING seq, id, topic, payload, occurred_at`,
        [this.batchSize, String(this.leaseMs)],
      );
      if (rows.length === 0) return;
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      const published: string[] = [];
      try {
        for (const row of rows) {
          await this.bus.publish({ id: row.id, topic: row.topic, occurredAt: new Date(row.occurred_at).toISOString(), payload: row.payload });
          published.push(row.seq);
        }
      } finally {
        if (published.length) await this.dataSource.query(`${RELAY_QUERY_TAG} UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [published]);
        const unpublished = rows.filter((r) => !published.includes(r.seq)).map((r) => r.seq);
        // Hand back what we could not publish, so the next pass retries it without waiting for the lease.
        if (unpublished.length) await this.dataSource.query(`${RELAY_QUERY_TAG} UPDATE outbox SET claimed_until = NULL WHERE seq = ANY($1::bigint[])`, [unpublished]);
      }
      if (rows.length < this.batchSize) return;
    }
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/** An event of a known topic, its payload already checked against the topic's contract. */
export type EventOf<T extends Topic> = DomainEvent<PayloadOf<T>> & { topic: T };

/** Handles one topic's events inside the consumer's transaction (which also records the event as processed). */
export type EventHandler<T extends Topic = Topic> = (event: EventOf<T>, manager: EntityManager) => Promise<void>;

/**
 * A handler plus what to do, in the dead-letter transaction, with an event of the topic that
 * breaks the contract (e.g. answer so that a peer does not wait forever). Throwing from it fails
 * the event like a failing handler: it is retried, not dead-lettered.
 */
export interface TopicConsumer<T extends Topic> {
  handle: EventHandler<T>;
  onDeadLetter?: (letter: DeadLetter, manager: EntityManager) => Promise<void>;
}

/** A subgraph's consumers: for each topic it consumes, a handler typed by that topic's contract. */
export type EventHandlers = { [T in Topic]?: EventHandler<T> | TopicConsumer<T> };

/**
 * Consumes topics from the bus for one subgraph. Each event is handled in a transaction that
 * also records its id in `processed_event`; a duplicate delivery finds the id and does nothing.
 * The bus acknowledges only after that transaction committed.
 *
 * An event that breaks its topic's contract never reaches the handler: it is dead-lettered
 * (see ./deadLetter.ts) and acknowledged, since retrying a peer's bug would only repeat it.
 */
export async function consumeEvents(options: {
  dataSource: DataSource;
  bus: EventBus;
  group: string;
  consumer: string;
  handlers: EventHandlers;
  logger?: Logger;
  /** Counts dead letters (`events_dead_lettered_total`); see `deadLetterCounter`. */
  deadLettered?: DeadLetterCounter;
  /** Called after a handler's transaction committed (e.g. to nudge the relay). */
  afterCommit?: (event: DomainEvent) => void;
}): Promise<Subscription> {
  const { dataSource, bus, group, consumer, handlers } = options;
  const consumers = new Map<Topic, TopicConsumer<Topic>>();
  for (const [topic, entry] of Object.entries(handlers) as [string, EventHandler<never> | TopicConsumer<never>][]) {
    if (!isTopic(topic)) throw new Error(`${group} consumes ${topic}, which no contract in @supergraph/contracts declares`);
    consumers.set(topic, (typeof entry === 'function' ? { handle: entry } : entry) as unknown as TopicConsumer<Topic>);
  }
  return bus.consume({
    group,
    consumer,
    topics: [...consumers.keys()],
    handle: async (event) => {
      const topic = event.topic as Topic;
      const target = consumers.get(topic);
      if (!target) return;
      const check = checkEvent(topic, event);
      if (!check.ok) {
        const letter: DeadLetter = { ...check.letter, consumer: group };
        const recorded = await inTransaction(dataSource, async (manager) => {
          if (!(await recordDeadLetter(manager, letter))) return false;
          await target.onDeadLetter?.(letter, manager);
          return true;
        });
        if (recorded) {
          options.deadLettered?.inc({ topic: letter.topic, reason: letter.reason });
          options.logger?.error('event dead-lettered: it does not match its contract', {
            group,
            topic: letter.topic,
            eventId: letter.eventId,
            reason: letter.reason,
            issues: letter.issues,
          });
        }
        return;
      }
      const handled = await inTransaction(dataSource, async (manager) => {
        const inserted: unknown[] = await manager.query('INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [group, event.id]);
        if (inserted.length === 0) return false;
        await target.handle(check.event, manager);
        return true;
      });
      if (handled) options.afterCommit?.(event);
    },
  });
}
