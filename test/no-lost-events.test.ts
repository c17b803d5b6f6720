import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupTestResources, eventually, testMessaging } from '@supergraph/testkit';
import { createProduct, login, registerCustomer, startTestSupergraph } from './helpers/supergraph';

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
    const productId = await createProduct(first, admin, { stock: 10, price: 3000, name: 'Restart-proof teapot' });
    const customer = await registerCustomer(first.url, 'patient');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 4) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "restart-order-0001" }) { id status } }');
    expect(checkout.status).toBe('PENDING');
    const [{ waiting }] = await first.supergraph.subgraphs.orders.database.dataSource.query('SELECT count(*)::int AS waiting FROM outbox WHERE published_at IS NULL');
    // orders.order.placed and orders.order.statusChanged (PENDING), committed together.
    expect(waiting).toBe(2);
    await first.close({ keepMessaging: true });

    const second = await startTestSupergraph({ dataDir, messaging, databaseUrls: first.databaseUrls });
    try {
      const again = await login(second.url, 'admin@example.com');
      await eventually(async () => (await again.data('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id })).order.status === 'CONFIRMED', {
        // A bound, not a timing: PGlite restarts slowly on a loaded 2-core machine.
        timeoutMs: 60_000,
        message: 'the order to be confirmed after the restart',
      });
      const { product } = await again.data('query($id: ID!) { product(id: $id) { stock } }', { id: productId });
      expect(product.stock).toBe(6);
      const [{ handled }] = await second.supergraph.subgraphs.products.database.dataSource.query(`SELECT count(*)::int AS handled FROM processed_event WHERE consumer = 'products'`);
      expect(handled).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
    }
  });
});
