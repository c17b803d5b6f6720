import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupTestResources, eventually, testMessaging } from '@supergraph/testkit';
import { login, registerCustomer, startTestSupergraph } from './helpers/supergraph';

/**
 * The orders subgraph writes an order and its `orders.order.placed` event in one transaction, then
 * its process stops before the relay publishes the event (relay off plays the crash). After a
 * restart on the same databases the event is published, handled once, and the order confirmed.
 * test/processes.test.ts does the same with a real SIGKILL across processes.
 */
describe('no lost events', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'no-lost-events-'));
  afterAll(async () => {
    await cleanupTestResources();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('handles, exactly once after a restart, an event committed by a process that stopped before relaying it', async () => {
    const messaging = await testMessaging('lost');
    const first = await startTestSupergraph({ relayOff: ['orders'], dataDir, messaging });
    const admin = await login(first.url, 'admin@example.com');
    const { categories } = await admin.data('{ categories { id } }');
    const { createProduct } = await admin.data('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
      i: { name: 'Restart-proof teapot', description: 'Holds tea', price: 3000, categoryId: categories[0].id, stock: 10 },
    });
    const customer = await registerCustomer(first.url, 'patient');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 4) { itemCount } }', { p: createProduct.id });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "restart-order-0001" }) { id status } }');
    expect(checkout.status).toBe('PENDING');
    const [{ waiting }] = await first.supergraph.subgraphs.orders.database.dataSource.query('SELECT count(*)::int AS waiting FROM outbox WHERE published_at IS NULL');
    expect(waiting).toBe(1);
    await first.close({ keepMessaging: true });

    const second = await startTestSupergraph({ dataDir, messaging, databaseUrls: first.databaseUrls });
    try {
      const again = await login(second.url, 'admin@example.com');
      await eventually(async () => (await again.data('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id })).order.status === 'CONFIRMED', {
        message: 'the order to be confirmed after the restart',
      });
      const { product } = await again.data('query($id: ID!) { product(id: $id) { stock } }', { id: createProduct.id });
      expect(product.stock).toBe(6);
      const [{ handled }] = await second.supergraph.subgraphs.products.database.dataSource.query(
        `SELECT count(*)::int AS handled FROM processed_event WHERE consumer = 'products'`,
      );
      expect(handled).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
    }
  });
});
