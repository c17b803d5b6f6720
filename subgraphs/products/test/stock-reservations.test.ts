import { randomUUID } from 'node:crypto';
import type { DomainEvent, Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, viewerHeaders } from '@supergraph/testkit';
import { ADMIN_ID, startProducts } from './helpers';

/** Drives the real consumer through the real bus, as the orders subgraph does. */
describe('stock reservations', () => {
  let products: RunningSubgraph;
  let messaging: Messaging;
  let url: string;
  let productId: string;

  const placed = (orderId: string, quantity = 1, id = productId): DomainEvent => ({
    id: randomUUID(),
    topic: 'orders.order.placed',
    occurredAt: new Date().toISOString(),
    payload: { orderId, customerId: randomUUID(), items: [{ productId: id, quantity }] },
  });
  const stock = async () => (await graphql(url, 'query($id: ID!) { product(id: $id) { stock } }', { id: productId })).data.product.stock;
  const answers = async (topic: string) =>
    (await products.database.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE topic = $1', [topic]))[0].n as number;

  beforeAll(async () => {
    ({ products, messaging, url } = await startProducts());
    const admin = viewerHeaders(ADMIN_ID, ['ADMIN']);
    const category = await graphql(url, 'mutation { createCategory(input: { name: "Limited" }) { id } }', {}, admin);
    const created = await graphql(
      url,
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      { i: { name: 'Limited grinder', description: 'Twenty made', price: 9900, categoryId: category.data.createCategory.id, stock: 20 } },
      admin,
    );
    productId = created.data.createProduct.id;
  });
  afterAll(async () => {
    await products?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('reserves exactly 20 of 100 simultaneous orders for a stock of 20, never going below zero', async () => {
    const orders = Array.from({ length: 100 }, () => randomUUID());
    await Promise.all(orders.map((orderId) => messaging.bus.publish(placed(orderId))));
    await eventually(async () => (await answers('products.stock.reserved')) + (await answers('products.stock.rejected')) === 100, { message: '100 answers' });
    expect({ reserved: await answers('products.stock.reserved'), rejected: await answers('products.stock.rejected') }).toEqual({ reserved: 20, rejected: 80 });
    expect(await stock()).toBe(0);
    const [{ held }] = await products.database.dataSource.query(`SELECT coalesce(sum(quantity), 0)::int AS held FROM stock_reservation WHERE status = 'RESERVED'`);
    expect(held).toBe(20);
  });

  it('answers with the authoritative price, and handles a redelivered event once', async () => {
    await graphql(url, 'mutation($id: ID!) { adjustStock(productId: $id, delta: 5) { stock } }', { id: productId }, viewerHeaders(ADMIN_ID, ['ADMIN']));
    const orderId = randomUUID();
    const event = placed(orderId, 2);
    await messaging.bus.publish(event);
    await messaging.bus.publish(event);
    await eventually(async () => (await products.database.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'orderId' = $1`, [orderId])).length > 0);
    // A later event for another order proves the duplicate was consumed before we count.
    const marker = randomUUID();
    await messaging.bus.publish(placed(marker, 1));
    await eventually(async () => (await products.database.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'orderId' = $1`, [marker])).length > 0);
    const rows = await products.database.dataSource.query(`SELECT topic, payload FROM outbox WHERE payload->>'orderId' = $1`, [orderId]);
    expect(rows).toEqual([
      { topic: 'products.stock.reserved', payload: { orderId, items: [{ productId, quantity: 2, unitPrice: { amount: 9900, currency: 'USD' } }] } },
    ]);
    expect(await stock()).toBe(2);
  });

  it('gives a cancelled order its stock back once, and nothing for an order it never reserved', async () => {
    const [{ order_id: orderId }] = await products.database.dataSource.query(`SELECT order_id FROM stock_reservation WHERE status = 'RESERVED' LIMIT 1`);
    const before = await stock();
    const cancelled = (id: string): DomainEvent => ({ id: randomUUID(), topic: 'orders.order.cancelled', occurredAt: new Date().toISOString(), payload: { orderId: id, customerId: randomUUID() } });
    await messaging.bus.publish(cancelled(orderId));
    await messaging.bus.publish(cancelled(orderId));
    await messaging.bus.publish(cancelled(randomUUID()));
    await eventually(async () => (await answers('products.stock.released')) === 1);
    const marker = randomUUID();
    await messaging.bus.publish(placed(marker, 1));
    await eventually(async () => (await products.database.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'orderId' = $1`, [marker])).length > 0);
    expect(await answers('products.stock.released')).toBe(1);
    expect(await stock()).toBe(before + 1 - 1);
  });

  it('rejects an order for an unknown product without touching any stock', async () => {
    const orderId = randomUUID();
    await messaging.bus.publish(placed(orderId, 1, randomUUID()));
    await eventually(async () => (await products.database.dataSource.query(`SELECT 1 FROM outbox WHERE payload->>'orderId' = $1`, [orderId])).length > 0);
    const [row] = await products.database.dataSource.query(`SELECT topic, payload FROM outbox WHERE payload->>'orderId' = $1`, [orderId]);
    expect(row.topic).toBe('products.stock.rejected');
    expect(row.payload.items[0].available).toBe(0);
  });
});
