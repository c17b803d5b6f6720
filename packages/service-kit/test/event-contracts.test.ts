import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { createClient, type RedisClientType } from 'redis';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { PayloadOf } from '@supergraph/contracts';
import {
  connectMessaging,
  CreateEventTables1763800000000,
  inTransaction,
  InvalidEventError,
  runSubgraph,
  type DomainEvent,
  type EventHandlers,
  type Messaging,
  type RunningSubgraph,
  type SubgraphDefinition,
} from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testLogger, testMessaging, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';

/**
 * Topic contracts enforced at both ends, on a subgraph started the way every subgraph is
 * (`runSubgraph`): a producer cannot emit what breaks a contract, and a consumer dead-letters what
 * reaches it broken, once, acknowledged, counted on /metrics, without holding up what follows.
 */

class CreateCatalog1763800000001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE catalog (product_id uuid PRIMARY KEY, name text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE catalog');
  }
}

const TOPIC = 'products.product.upserted';
type Product = PayloadOf<typeof TOPIC>;
const product = (name: string): Product => ({ productId: randomUUID(), name, price: { amount: 250, currency: 'EUR' }, weightGrams: 500 });

/** A subgraph named like one the contracts know, keeping a catalogue from `products.product.upserted`. */
function definition(name: string, handled: string[] = [], consumers?: EventHandlers): SubgraphDefinition<object> {
  return {
    name,
    typeDefs: parse('type Query { ok: Boolean }'),
    resolvers: { Query: { ok: () => true } },
    entities: [],
    migrations: [CreateEventTables1763800000000, CreateCatalog1763800000001],
    createContext: () => ({}),
    consumers: consumers
      ? () => consumers
      : () => ({
          [TOPIC]: async (event, manager) => {
            handled.push(event.id);
            await manager.query('INSERT INTO catalog (product_id, name) VALUES ($1, $2)', [event.payload.productId, event.payload.name]);
          },
        }),
  };
}

function start(def: SubgraphDefinition<object>, messaging: Messaging, databaseUrl: string | undefined) {
  return runSubgraph(def, { databaseUrl, messaging, identitySecret: TEST_IDENTITY_SECRET, jwtSecret: TEST_JWT_SECRET, logger: testLogger, relayPollIntervalMs: 50 });
}

const count = async (sg: RunningSubgraph, sql: string, params: unknown[] = []) => (await sg.database.dataSource.query(sql, params))[0].n as number;

afterAll(() => cleanupTestResources());

describe('emitting against the contracts', () => {
  let messaging: Messaging;
  let products: RunningSubgraph;

  beforeAll(async () => {
    messaging = await testMessaging('emit-contract');
    // Named products: the contract of `products.product.upserted` names it as the producer.
    products = await start({ ...definition('products'), consumers: undefined }, messaging, await testDatabaseUrl('emit-contract'));
  });
  afterAll(async () => {
    await products?.close();
    await messaging?.close();
  });

  const outbox = () => count(products, 'SELECT count(*)::int AS n FROM outbox');

  it('throws on a payload that breaks the contract, rolling back the transaction with nothing in the outbox', async () => {
    const before = await outbox();
    const id = randomUUID();
    const broken = { productId: id, name: 'Kettle', price: { amount: -5, currency: 'euro' }, weightGrams: 500 };
    const attempt = inTransaction(products.database.dataSource, async (manager) => {
      await manager.query('INSERT INTO catalog (product_id, name) VALUES ($1, $2)', [id, 'Kettle']);
      await products.runtime.emit(manager, TOPIC, broken);
    });
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
    await expect(attempt).rejects.toThrow(/products\.product\.upserted.*price/);
    expect(await outbox()).toBe(before);
    expect(await count(products, 'SELECT count(*)::int AS n FROM catalog WHERE product_id = $1', [id])).toBe(0);
  });

  it('refuses at compile time what it refuses at run time', async () => {
    const attempt = inTransaction(products.database.dataSource, (manager) =>
      // @ts-expect-error `name` is missing: `npm run typecheck:all` fails if this stops being an error.
      products.runtime.emit(manager, TOPIC, { productId: randomUUID(), price: { amount: 1, currency: 'EUR' } }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
    // @ts-expect-error not a topic of the contracts
    await expect(inTransaction(products.database.dataSource, (manager) => products.runtime.emit(manager, 'products.product.deleted', {}))).rejects.toThrow(/unknown topic/);
  });

  it('refuses a topic the subgraph is not the producer of, and writes the one it is', async () => {
    const before = await outbox();
    const placed = {
      orderId: randomUUID(),
      customerId: randomUUID(),
      items: [{ productId: randomUUID(), quantity: 1 }],
      shipping: { addressId: randomUUID(), line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US' },
      weightGrams: 500,
    };
    await expect(inTransaction(products.database.dataSource, (m) => products.runtime.emit(m, 'orders.order.placed', placed))).rejects.toThrow(/only orders emits/);
    expect(await outbox()).toBe(before);
    const kettle = product('Kettle');
    await inTransaction(products.database.dataSource, (m) => products.runtime.emit(m, TOPIC, { ...kettle, extra: 'left behind' } as Product));
    const rows = await products.database.dataSource.query('SELECT payload FROM outbox WHERE topic = $1 ORDER BY seq DESC LIMIT 1', [TOPIC]);
    expect(rows[0].payload).toEqual(kettle);
  });

  it('will not start a subgraph consuming a topic its contract does not list it for', async () => {
    const noop = async () => undefined;
    await expect(start(definition('users', [], { [TOPIC]: noop }), messaging, await testDatabaseUrl('not-a-consumer'))).rejects.toThrow(/does not list users/);
  });
});

describe.each(['in-process', 'Redis Streams (in-process when Redis does not answer)'])('dead letters on the %s bus', (kind) => {
  let messaging: Messaging & { redisUrl?: string; keyPrefix?: string };
  let orders: RunningSubgraph;
  let redis: RedisClientType | undefined;
  const handled: string[] = [];

  beforeAll(async () => {
    messaging = kind === 'in-process' ? await connectMessaging({ logger: testLogger }) : await testMessaging('dead-letter');
    if (messaging.redisUrl) {
      redis = createClient({ url: messaging.redisUrl });
      await redis.connect();
    }
    // Named orders: the contract lists orders among the consumers of `products.product.upserted`.
    orders = await start(definition('orders', handled), messaging, await testDatabaseUrl('dead-letter'));
  });
  afterAll(async () => {
    await orders?.close();
    await redis?.quit();
    await messaging?.close();
  });

  /** Puts an entry on the topic's stream as a peer with a bug would: with XADD, by hand (or straight onto the in-process bus). */
  async function publishByHand(fields: { id?: string; payload: string }) {
    const occurredAt = new Date().toISOString();
    if (redis) {
      await redis.xAdd(`${messaging.keyPrefix}stream:${TOPIC}`, '*', { ...(fields.id ? { id: fields.id } : {}), topic: TOPIC, occurredAt, payload: fields.payload });
      return;
    }
    let payload: unknown = fields.payload;
    try {
      payload = JSON.parse(fields.payload);
    } catch {
      // Not JSON: handed over as text, as the Redis bus does.
    }
    await messaging.bus.publish({ id: fields.id as string, topic: TOPIC, occurredAt, payload });
  }

  const publish = (payload: Product, id = randomUUID()) => messaging.bus.publish({ id, topic: TOPIC, occurredAt: new Date().toISOString(), payload } satisfies DomainEvent);
  const known = (name: string) => count(orders, 'SELECT count(*)::int AS n FROM catalog WHERE name = $1', [name]);
  const deadLetters = () => orders.database.dataSource.query('SELECT topic, event_id, reason, payload, issues FROM dead_letter ORDER BY seq');
  async function deadLetterMetric(reason: string) {
    const text = await (await fetch(`${orders.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('events_dead_lettered_total{') && l.includes(`topic="${TOPIC}"`) && l.includes(`reason="${reason}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('records a malformed event once, acknowledges it, counts it, and still handles the good events after it', async () => {
    const broken = randomUUID();
    await publish(product('before'));
    await publishByHand({ id: broken, payload: JSON.stringify({ productId: 'kettle', name: '', price: { amount: 1 } }) });
    await publish(product('after'));
    // The same broken event delivered again (a peer retrying) is recognised, not recorded twice.
    await publishByHand({ id: broken, payload: JSON.stringify({ productId: 'kettle', name: '', price: { amount: 1 } }) });
    await publish(product('marker'));
    await eventually(() => known('marker'), { message: 'the marker to be handled' });

    expect({ before: await known('before'), after: await known('after') }).toEqual({ before: 1, after: 1 });
    expect(handled).not.toContain(broken);
    const letters = await deadLetters();
    expect(letters).toEqual([
      {
        topic: TOPIC,
        event_id: broken,
        reason: 'invalid_payload',
        payload: { productId: 'kettle', name: '', price: { amount: 1 } },
        issues: expect.arrayContaining([expect.objectContaining({ path: ['productId'] }), expect.objectContaining({ path: ['price', 'currency'] })]),
      },
    ]);
    expect(await deadLetterMetric('invalid_payload')).toBe(1);
    if (redis) {
      // Acknowledged: nothing left pending for the group, so nothing is ever redelivered.
      const pending = await redis.xPending(`${messaging.keyPrefix}stream:${TOPIC}`, 'orders');
      expect(pending.pending).toBe(0);
    }
  });

  it('dead-letters an entry whose payload is not JSON or that has no id, without holding up the stream', async () => {
    const before = (await deadLetters()).length;
    await publishByHand({ id: randomUUID(), payload: '{"productId": ' });
    await publishByHand({ payload: JSON.stringify(product('no id')) });
    await publish(product('next'));
    await eventually(() => known('next'), { message: 'the event after them to be handled' });
    const letters = (await deadLetters()).slice(before);
    expect(letters.map((l: { reason: string; payload: unknown }) => [l.reason, typeof l.payload])).toEqual([
      ['invalid_payload', 'string'],
      ['invalid_envelope', 'object'],
    ]);
    expect(await known('no id')).toBe(0);
    expect(await deadLetterMetric('invalid_envelope')).toBe(1);
    expect(await deadLetterMetric('invalid_payload')).toBe(2);
    if (redis) expect((await redis.xPending(`${messaging.keyPrefix}stream:${TOPIC}`, 'orders')).pending).toBe(0);
  });
});
