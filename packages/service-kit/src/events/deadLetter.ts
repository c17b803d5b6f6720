import { topics, type PayloadOf, type Topic } from '@supergraph/contracts';
import { Counter, type Registry } from 'prom-client';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { DomainEvent } from './types';

/**
 * Dead letters live in the consumer's own database, next to `processed_event`: recording one and
 * marking the event processed happen in one transaction, so an event is dead-lettered exactly
 * once however often the bus redelivers it, on Redis Streams and on the in-process bus alike,
 * and an operator finds it with the rest of that service's data (`SELECT * FROM dead_letter`).
 */
export class CreateDeadLetterTable1796169600000 implements MigrationInterface {
  name = 'CreateDeadLetterTable1796169600000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE IF NOT EXISTS dead_letter (
      seq bigserial PRIMARY KEY,
      consumer text NOT NULL,
      topic text NOT NULL,
      event_id text NOT NULL,
      payload jsonb,
      reason text NOT NULL,
      issues jsonb NOT NULL,
      dead_lettered_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE dead_letter');
  }
}

/** Why an event was dead-lettered: its envelope (id, time) or its payload breaks the contract. */
export type DeadLetterReason = 'invalid_envelope' | 'invalid_payload';

/** An event a consumer refused, as recorded in `dead_letter`. */
export interface DeadLetter {
  consumer: string;
  topic: Topic;
  /** As delivered; not a UUID when the envelope was the problem. */
  eventId: string;
  payload: unknown;
  reason: DeadLetterReason;
  /** What did not match (zod issues, at most ten). */
  issues: unknown;
}

export type DeadLetterCounter = Counter<'topic' | 'reason'>;

/** `events_dead_lettered_total{topic,reason}` on the service's registry (its /metrics). */
export function deadLetterCounter(registry: Registry): DeadLetterCounter {
  const name = 'events_dead_lettered_total';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as DeadLetterCounter;
  return new Counter({
    name,
    help: 'Consumed events that broke their topic contract, recorded in dead_letter and acknowledged',
    labelNames: ['topic', 'reason'] as const,
    registers: [registry],
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event typed by its contract, or the dead letter it makes. */
export function checkEvent<T extends Topic>(topic: T, event: DomainEvent): { ok: true; event: DomainEvent<PayloadOf<T>> & { topic: T } } | { ok: false; letter: Omit<DeadLetter, 'consumer'> } {
  const eventId = typeof event.id === 'string' ? event.id : String(event.id ?? '');
  if (!UUID.test(eventId) || typeof event.occurredAt !== 'string' || Number.isNaN(Date.parse(event.occurredAt))) {
    const issues = [{ message: 'an event needs a UUID id and an ISO occurredAt', id: event.id ?? null, occurredAt: event.occurredAt ?? null }];
    return { ok: false, letter: { topic, eventId, payload: event.payload, reason: 'invalid_envelope', issues } };
  }
  const parsed = topics[topic].payload.safeParse(event.payload);
  if (!parsed.success) return { ok: false, letter: { topic, eventId, payload: event.payload, reason: 'invalid_payload', issues: parsed.error.issues.slice(0, 10) } };
  return { ok: true, event: { ...event, topic, payload: parsed.data as PayloadOf<T> } };
}

/**
 * Records a dead letter in the caller's transaction. An event with a readable id is also marked
 * processed, so a redelivery is recognised and not recorded twice (false is returned then).
 * Without a readable id there is nothing to recognise it by: it is recorded at each delivery,
 * which after the acknowledgement only happens if the process died in between.
 */
export async function recordDeadLetter(manager: EntityManager, letter: DeadLetter): Promise<boolean> {
  if (UUID.test(letter.eventId)) {
    const inserted: unknown[] = await manager.query('INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [letter.consumer, letter.eventId]);
    if (inserted.length === 0) return false;
  }
  await manager.query('INSERT INTO dead_letter (consumer, topic, event_id, payload, reason, issues) VALUES ($1, $2, $3, $4, $5, $6)', [
    letter.consumer,
    letter.topic,
    letter.eventId,
    JSON.stringify(letter.payload ?? null),
    letter.reason,
    JSON.stringify(letter.issues),
  ]);
  return true;
}
