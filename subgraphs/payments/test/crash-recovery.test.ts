import type { Messaging } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { settingsSchema } from '../src/settings';
import { FakeOrders, startPayments } from './helpers';

/**
 * payments dies after the provider charged and before the payment's transaction committed. After
 * a restart the payment is settled from what the provider knows: never a second charge.
 */
describe('a crash between the charge and its commit', () => {
  let messaging: Messaging;
  let orders: FakeOrders;

  beforeAll(async () => {
    messaging = await testMessaging('payments-crash');
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await orders?.stop();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('captures the payment once after the restart; the provider ledger shows one charge', async () => {
    const databaseUrl = await testDatabaseUrl('payments_crash');
    if (!databaseUrl) return; // a restart on the same database needs a PostgreSQL server
    const crashing = await startPayments({ messaging, databaseUrl, env: { PAYMENTS_TEST_FAULT: 'crash-after-charge' } });
    const sql = (query: string, params: unknown[] = []) => crashing.payments.database.dataSource.query(query, params);
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 7_777);
    const [payment] = await eventually(async () => {
      const rows = await sql('SELECT p.id, p.status FROM payment p JOIN simulated_charge c ON c.idempotency_key = p.id::text WHERE p.order_id = $1', [orderId]);
      return rows.length ? rows : undefined;
    });
    // Charged at the provider, not committed here: PENDING, and nothing told orders.
    expect(payment.status).toBe('PENDING');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(orders.of('payments.payment.captured', orderId)).toEqual([]);
    await crashing.payments.close();

    const restarted = await startPayments({ messaging, databaseUrl });
    try {
      const sql2 = (query: string, params: unknown[] = []) => restarted.payments.database.dataSource.query(query, params);
      // The dead worker's claim on the payment lasts its lease; let it run out instead of waiting.
      await sql2('UPDATE payment SET next_attempt_at = now() WHERE id = $1', [payment.id]);
      const captured = await orders.awaitEvent('payments.payment.captured', orderId);
      expect(captured).toMatchObject({ paymentId: payment.id, amount: { amount: 7_777, currency: 'USD' } });
      expect(await sql2('SELECT status FROM payment WHERE id = $1', [payment.id])).toEqual([{ status: 'CAPTURED' }]);
      expect(await sql2('SELECT amount FROM simulated_charge WHERE idempotency_key = $1', [payment.id])).toEqual([{ amount: 7_777 }]);
      // One charge request ever reached the provider: the restart asked instead of charging.
      expect(await sql2('SELECT attempts FROM simulated_attempt WHERE idempotency_key = $1', [payment.id])).toEqual([{ attempts: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(orders.of('payments.payment.captured', orderId)).toHaveLength(1);
    } finally {
      await restarted.payments.close();
    }
  });

  it('refuses the fault-injection hook in production', () => {
    expect(settingsSchema.safeParse({ NODE_ENV: 'production', PAYMENTS_TEST_FAULT: 'crash-after-charge' }).success).toBe(false);
    expect(settingsSchema.safeParse({ NODE_ENV: 'test', PAYMENTS_TEST_FAULT: 'crash-after-charge' }).success).toBe(true);
    expect(settingsSchema.safeParse({ PAYMENTS_PROVIDER: 'stripe' }).success).toBe(false);
  });
});
