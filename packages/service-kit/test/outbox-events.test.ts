import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  consumeEvents,
  CreateEventTables1763800000000,
  enqueueEvent,
  enqueueEvents,
  InvalidEventError,
  openDatabase,
  OutboxRelay,
  type Database,
  type DomainEvent,
  type Messaging,
} from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testLogger, testMessaging } from '@supergraph/testkit';

class CreateTally1763800000001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE tally (name text PRIMARY KEY, hits int NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE tally');
  }
}

const thing = (name: string) => ({ productId: randomUUID(), name, price: { amount: 100, currency: 'EUR' }, weightGrams: 500 });

describe('outbox relay and idempotent consumers', () => {
  let producer: Database;
  let consumer: Database;
  let messaging: Messaging;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    messaging = await testMessaging('outbox');
    const migrations = [CreateEventTables1763800000000, CreateTally1763800000001];
    producer = await openDatabase({ name: 'producer', url: await testDatabaseUrl('producer'), entities: [], migrations, logger: testLogger });
    consumer = await openDatabase({ name: 'consumer', url: await testDatabaseUrl('consumer'), entities: [], migrations, logger: testLogger });
    const subscription = await consumeEvents({
      dataSource: consumer.dataSource,
      bus: messaging.bus,
      group: 'consumer',
      consumer: 'consumer-1',
      handlers: {
        // Any topic will do; this one's payload carries a name to tally.
        'products.product.upserted': async (event, manager) => {
          await manager.query('INSERT INTO tally (name, hits) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET hits = tally.hits + 1', [event.payload.name]);
        },
      },
    });
    stops.push(() => subscription.stop());
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await producer?.close();
    await consumer?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const hits = async (name: string) => {
    const rows = await consumer.dataSource.query('SELECT hits FROM tally WHERE name = $1', [name]);
    return rows[0]?.hits as number | undefined;
  };

  it('delivers an event committed while no relay ran, once the relay starts', async () => {
    await producer.dataSource.transaction((m) => enqueueEvent(m, 'products.product.upserted', thing('late')));
    expect(await hits('late')).toBeUndefined();
    const relay = new OutboxRelay(producer.dataSource, messaging.bus, { logger: testLogger, pollIntervalMs: 50 });
    relay.start();
    stops.push(() => relay.stop());
    await eventually(() => hits('late'), { message: 'the event to be handled' });
    expect(await hits('late')).toBe(1);
    const [{ count }] = await producer.dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL');
    expect(count).toBe(0);
  });

  it('handles an event delivered twice only once', async () => {
    const event: DomainEvent = { id: randomUUID(), topic: 'products.product.upserted', occurredAt: new Date().toISOString(), payload: thing('twice') };
    await messaging.bus.publish(event);
    await messaging.bus.publish(event);
    await eventually(() => hits('twice'));
    // A third, distinct event proves the consumer went past both copies before we look.
    await messaging.bus.publish({ ...event, id: randomUUID(), payload: thing('marker') });
    await eventually(() => hits('marker'));
    expect(await hits('twice')).toBe(1);
  });

  it('rolls back the event with the transaction that failed', async () => {
    await expect(
      producer.dataSource.transaction(async (m) => {
        await enqueueEvent(m, 'products.product.upserted', thing('rolled-back'));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await producer.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'name' = 'rolled-back'`);
    expect(rows).toHaveLength(0);
  });

  it('writes many events of one topic in one statement, in order, and none when one breaks the contract', async () => {
    const names = ['many-1', 'many-2', 'many-3'];
    await producer.dataSource.transaction((m) => enqueueEvents(m, 'products.product.upserted', names.map(thing)));
    const rows = await producer.dataSource.query(`SELECT payload->>'name' AS name FROM outbox WHERE payload->>'name' LIKE 'many-%' ORDER BY seq`);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(names);
    await eventually(async () => (await Promise.all(names.map(hits))).every((n) => n === 1), { message: 'every event to be handled' });

    const broken = { ...thing('broken-2'), weightGrams: -1 };
    await expect(producer.dataSource.transaction((m) => enqueueEvents(m, 'products.product.upserted', [thing('broken-1'), broken]))).rejects.toThrow(InvalidEventError);
    expect(await producer.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'name' LIKE 'broken-%'`)).toHaveLength(0);
  });
});
