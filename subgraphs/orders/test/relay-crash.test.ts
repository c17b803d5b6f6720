import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeDelivery, FakeProducts, FakeUsers, ORDER_DETAILS, startOrders } from './helpers';

/**
 * A process that dies after checkout committed but before its relay published: the order and its
 * event are in the database, so the next process on that database sends the event, and the order
 * is handled exactly once.
 */
describe('an orders process dying before relaying its events', () => {
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  const running: RunningSubgraph[] = [];

  beforeAll(async () => {
    messaging = await testMessaging('orders-crash');
    databaseUrl = await testDatabaseUrl('orders_crash');
    // The embedded engine keeps a database across processes only on disk.
    if (!databaseUrl) dataDir = mkdtempSync(join(tmpdir(), 'orders-crash-'));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
  });
  afterAll(async () => {
    for (const orders of running) await orders.close().catch(() => undefined);
    await products?.stop();
    await delivery?.stop();
    await messaging?.close();
    await cleanupTestResources();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(relay: boolean) {
    const started = await startOrders({ messaging, databaseUrl, dataDir, relay });
    running.push(started.orders);
    return started;
  }

  it('confirms the order once a new process starts on the same database', async () => {
    const first = await start(false);
    const [kettle] = await products.announce(first.orders, [{ name: 'Kettle', amount: 1250 }]);
    FakeUsers.install(messaging, first.orders);
    const customer = new Caller(first.url);
    const { id, status } = await customer.placeOrder([[kettle, 2]]);
    expect(status).toBe('PENDING');
    const outbox = () => first.orders.database.dataSource.query(`SELECT topic, published_at FROM outbox WHERE payload->>'orderId' = $1 ORDER BY seq`, [id]);
    expect(await outbox()).toEqual([
      { topic: 'orders.order.placed', published_at: null },
      { topic: 'orders.order.statusChanged', published_at: null },
    ]);
    expect(products.placedFor(id)).toEqual([]);
    await first.orders.close(); // dies before relaying
    running.splice(running.indexOf(first.orders), 1);

    const second = await start(true);
    const survivor = new Caller(second.url, customer.userId);
    await survivor.awaitStatus(id, 'CONFIRMED');
    const { order } = await survivor.data(ORDER_DETAILS, { id });
    expect(order.statusHistory.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'CONFIRMED'],
    ]);
    expect(order.total).toEqual({ amount: 2500 + 200 + 499, currency: 'USD' });
    expect(products.placedFor(id)).toHaveLength(1);
    expect(delivery.placedFor(id)).toHaveLength(1);
    const rows = await second.orders.database.dataSource.query(
      `SELECT (SELECT count(*)::int FROM outbox WHERE published_at IS NULL) AS unpublished,
              (SELECT count(*)::int FROM customer_order) AS orders`,
    );
    expect(rows).toEqual([{ unpublished: 0, orders: 1 }]);
  });
});
