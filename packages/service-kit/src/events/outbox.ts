import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { BACKGROUND_QUERY_TAG } from '../db/database';
import { inTransaction, queryRows } from '../db/transaction';
import type { Logger } from '../logger';
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

/** Writes an event into the outbox as part of the caller's transaction. */
export async function enqueueEvent<T>(manager: EntityManager, topic: string, payload: T): Promise<DomainEvent<T>> {
  const event: DomainEvent<T> = { id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload };
  await manager.query('INSERT INTO outbox (id, topic, payload, occurred_at) VALUES ($1, $2, $3, $4)', [
    event.id,
    topic,
    JSON.stringify(payload),
    event.occurredAt,
  ]);
  return event;
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

  constructor(private readonly dataSource: DataSource, private readonly bus: EventBus, private readonly options: OutboxRelayOptions = {}) {
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a handler declares the payload type of the events it subscribes to
export type EventHandler = (event: DomainEvent<any>, manager: EntityManager) => Promise<void>;

/**
 * Consumes topics from the bus for one subgraph. Each event is handled in a transaction that
 * also records its id in `processed_event`; a duplicate delivery finds the id and does nothing.
 * The bus acknowledges only after that transaction committed.
 */
export async function consumeEvents(options: {
  dataSource: DataSource;
  bus: EventBus;
  group: string;
  consumer: string;
  handlers: Record<string, EventHandler>;
  /** Called after a handler's transaction committed (e.g. to nudge the relay). */
  afterCommit?: (event: DomainEvent) => void;
}): Promise<Subscription> {
  const { dataSource, bus, group, consumer, handlers } = options;
  return bus.consume({
    group,
    consumer,
    topics: Object.keys(handlers),
    handle: async (event) => {
      const handler = handlers[event.topic];
      if (!handler) return;
      const handled = await inTransaction(dataSource, async (manager) => {
        const inserted: unknown[] = await manager.query(
          'INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
          [group, event.id],
        );
        if (inserted.length === 0) return false;
        await handler(event, manager);
        return true;
      });
      if (handled) options.afterCommit?.(event);
    },
  });
}
