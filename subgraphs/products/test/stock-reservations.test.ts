import { randomUUID } from 'node:crypto';
import { inTransaction, type DomainEvent, type EventOf } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql } from '@supergraph/testkit';
import { StockService } from '../src/services/StockService';
import { admin, createProduct, startProducts, type TestProducts } from './helpers';

/**
 * The stock consumer driven through the real bus, as the orders subgraph drives it: events are
 * published with `messaging.bus.publish` and the subgraph answers through its outbox.
 */
describe('stock reservations', () => {
  let sg: TestProducts;
  let url: string;
  let productId: string;

  const event = (topic: string, payload: unknown): DomainEvent => ({ id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload });
  const placed = (orderId: string, items: { productId: string; quantity: number }[]): EventOf<'orders.order.placed'> => ({
    ...event('orders.order.placed', null),
    topic: 'orders.order.placed',
    payload: {
      orderId,
      customerId: randomUUID(),
      items,
      shipping: { addressId: randomUUID(), line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US' },
      weightGrams: 500 * items.reduce((sum, item) => sum + item.quantity, 0),
    },
  });
  const cancelled = (orderId: string) => event('orders.order.cancelled', { orderId, customerId: randomUUID() });
  const publish = (e: DomainEvent) => sg.messaging.bus.publish(e);

  const stock = async (id = productId) => (await graphql(url, 'query($id: ID!) { product(id: $id) { stock } }', { id })).data.product.stock as number;
  const answers = async (topic: string) => (await sg.sql('SELECT count(*)::int AS n FROM outbox WHERE topic = $1', [topic]))[0].n as number;
  const answersFor = (orderId: string) => sg.sql<{ topic: string; payload: any }>(`SELECT topic, payload FROM outbox WHERE payload->>'orderId' = $1 ORDER BY seq`, [orderId]);
  /** Events are handled in order: once a later marker is answered, everything before it has been handled. */
  const settle = async () => {
    const marker = randomUUID();
    await publish(placed(marker, [{ productId: randomUUID(), quantity: 1 }]));
    await eventually(async () => (await answersFor(marker)).length > 0, { message: 'the marker order to be answered' });
  };

  beforeAll(async () => {
    sg = await startProducts();
    url = sg.url;
    ({ id: productId } = await createProduct(url, { name: 'Limited grinder', price: 9900, stock: 20 }));
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  it('reserves exactly 20 of 100 simultaneous orders for a stock of 20, never going below zero', async () => {
    const orders = Array.from({ length: 100 }, () => randomUUID());
    await Promise.all(orders.map((orderId) => publish(placed(orderId, [{ productId, quantity: 1 }]))));
    await eventually(async () => (await answers('products.stock.reserved')) + (await answers('products.stock.rejected')) === 100, { message: '100 answers' });
    expect({ reserved: await answers('products.stock.reserved'), rejected: await answers('products.stock.rejected') }).toEqual({ reserved: 20, rejected: 80 });
    expect(await stock()).toBe(0);
    const [{ held, orders: reservedOrders }] = await sg.sql(`SELECT coalesce(sum(quantity), 0)::int AS held, count(DISTINCT order_id)::int AS orders FROM stock_reservation WHERE status = 'RESERVED'`);
    expect({ held, reservedOrders }).toEqual({ held: 20, reservedOrders: 20 });
    const [rejection] = await sg.sql(`SELECT payload FROM outbox WHERE topic = 'products.stock.rejected' LIMIT 1`);
    expect(rejection.payload).toMatchObject({ reason: expect.stringContaining('Limited grinder'), items: [{ productId, requested: 1, available: 0 }] });
  });

  it('answers with the price of the moment, and handles an event delivered twice only once', async () => {
    await graphql(url, 'mutation($id: ID!) { adjustStock(productId: $id, delta: 5, reason: "Restock") { stock } }', { id: productId }, admin());
    const orderId = randomUUID();
    const twice = placed(orderId, [{ productId, quantity: 2 }]);
    await publish(twice);
    await publish(twice);
    // The same order under a new event id (a re-sent order) has had its answer already.
    await publish(placed(orderId, [{ productId, quantity: 2 }]));
    await settle();
    expect(await answersFor(orderId)).toEqual([{ topic: 'products.stock.reserved', payload: { orderId, items: [{ productId, quantity: 2, unitPrice: { amount: 9900, currency: 'USD' } }] } }]);
    expect(await stock()).toBe(3);
  });

  it('reserves every line of an order or none of them', async () => {
    const { id: plenty } = await createProduct(url, { name: 'Paper filters', price: 450, stock: 50 });
    const orderId = randomUUID();
    // Two lines for the same product count together: 2 + 2 > 3.
    await publish(
      placed(orderId, [
        { productId: plenty, quantity: 5 },
        { productId, quantity: 2 },
        { productId, quantity: 2 },
      ]),
    );
    await eventually(async () => (await answersFor(orderId)).length > 0);
    expect(await answersFor(orderId)).toEqual([{ topic: 'products.stock.rejected', payload: { orderId, reason: expect.any(String), items: [{ productId, requested: 4, available: 3 }] } }]);
    expect({ plenty: await stock(plenty), limited: await stock() }).toEqual({ plenty: 50, limited: 3 });
  });

  it('rejects an order for an unknown product, or with lines it cannot read, without touching any stock', async () => {
    const unknown = randomUUID();
    const missing = randomUUID();
    await publish(placed(unknown, [{ productId: missing, quantity: 1 }]));
    const malformed = randomUUID();
    const unreadable = placed(malformed, [{ productId, quantity: -2 }]);
    await publish(unreadable);
    await settle();
    expect((await answersFor(unknown))[0]).toMatchObject({ topic: 'products.stock.rejected', payload: { items: [{ productId: missing, requested: 1, available: 0 }] } });
    expect((await answersFor(malformed))[0]).toMatchObject({ topic: 'products.stock.rejected', payload: { reason: 'The order lines are not valid' } });
    // Refused by the contract before the handler: dead-lettered, and answered by its onDeadLetter.
    expect(await sg.sql('SELECT topic, reason FROM dead_letter WHERE event_id = $1', [unreadable.id])).toEqual([{ topic: 'orders.order.placed', reason: 'invalid_payload' }]);
    expect(await stock()).toBe(3);
  });

  it('gives a cancelled order its stock back once, and nothing for an order it never reserved', async () => {
    const [first, last] = [randomUUID(), randomUUID()];
    await publish(placed(first, [{ productId, quantity: 2 }]));
    await publish(placed(last, [{ productId, quantity: 1 }]));
    await eventually(async () => (await answersFor(last)).length > 0);
    expect(await stock()).toBe(0);
    const released = await answers('products.stock.released');
    await publish(cancelled(first));
    await publish(cancelled(first));
    await publish(cancelled(randomUUID()));
    // Cancellations are handled in order: once the last one is answered, the others have been handled.
    await publish(cancelled(last));
    await eventually(async () => (await answersFor(last)).length === 2, { message: 'the last order to be released' });
    expect(await answers('products.stock.released')).toBe(released + 2);
    expect((await answersFor(first)).at(-1)).toEqual({ topic: 'products.stock.released', payload: { orderId: first, items: [{ productId, quantity: 2 }] } });
    expect(await stock()).toBe(3);
    const rows = await sg.sql(`SELECT status, released_at IS NOT NULL AS released FROM stock_reservation WHERE order_id = $1`, [first]);
    expect(rows).toEqual([{ status: 'RELEASED', released: true }]);
  });

  it('never oversells nor deadlocks when handlers race for the same rows, whatever the order of the lines', async () => {
    // The consumer itself, run the way the kit runs it (one transaction per event), 60 at once:
    // on PostgreSQL they contend on a pool of 10 connections for two product rows.
    const stockService = new StockService(sg.products.runtime);
    const [{ id: a }, { id: b }] = [await createProduct(url, { name: 'Left cup', stock: 10 }), await createProduct(url, { name: 'Right cup', stock: 10 })];
    const orders = Array.from({ length: 60 }, (_, i) => ({
      orderId: randomUUID(),
      items:
        i % 2
          ? [
              { productId: a, quantity: 1 },
              { productId: b, quantity: 1 },
            ]
          : [
              { productId: b, quantity: 1 },
              { productId: a, quantity: 1 },
            ],
    }));
    await Promise.all(orders.map(({ orderId, items }) => inTransaction(sg.products.database.dataSource, (manager) => stockService.reserve(placed(orderId, items), manager))));
    const topics = await sg.sql(`SELECT topic, count(*)::int AS n FROM outbox WHERE payload->>'orderId' = ANY($1) GROUP BY topic ORDER BY topic`, [orders.map((o) => o.orderId)]);
    expect(topics).toEqual([
      { topic: 'products.stock.rejected', n: 50 },
      { topic: 'products.stock.reserved', n: 10 },
    ]);
    expect({ a: await stock(a), b: await stock(b) }).toEqual({ a: 0, b: 0 });
  });
});
