import { Client as PgClient } from 'pg';
import { cleanupTestResources, eventually, postgresAvailable, redisAvailable, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import type { Messaging } from '@supergraph/service-kit';
import { FakeOrders } from '../subgraphs/payments/test/helpers';
import { subgraphProcessEnv } from './helpers/compose';
import { spawnService, stopAllServices } from './helpers/processes';

/**
 * The payments process is SIGKILLed after the provider charged a card and before the payment's
 * transaction committed (a real kill, at that exact point, through the test-only
 * PAYMENTS_TEST_FAULT=kill-after-charge). Started again on the same database, it settles the
 * payment from what the provider knows: one capture, one `payments.payment.captured`, never a
 * second charge. Started with docker-compose's environment for payments, as test/processes.test.ts
 * does; skipped without real PostgreSQL and Redis (CI always has both).
 */
describe('a payments process killed between the charge and its commit', () => {
  let messaging: Messaging & { keyPrefix?: string };
  let orders: FakeOrders;
  let db: PgClient;
  let enabled = false;
  let databaseUrl: string;

  const env = (extra: Record<string, string> = {}) =>
    subgraphProcessEnv(
      'payments',
      { databaseUrl, redisPrefix: messaging.keyPrefix! },
      {
        // Compose runs production, which refuses the test hook; the rest of its environment is kept.
        NODE_ENV: 'development',
        PAYMENTS_WORKER_INTERVAL_MS: '100',
        PAYMENTS_CHARGE_TIMEOUT_MS: '500',
        ...extra,
      },
    );

  beforeAll(async () => {
    enabled = (await postgresAvailable()) && (await redisAvailable());
    if (!enabled) return;
    databaseUrl = (await testDatabaseUrl('kill_payments'))!;
    messaging = await testMessaging('kill-payments');
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await stopAllServices();
    await db?.end();
    await orders?.stop();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('captures once after a restart, and the provider saw one charge', async () => {
    if (!enabled) return;
    const dying = await spawnService('payments', 'subgraphs/payments', env({ PAYMENTS_TEST_FAULT: 'kill-after-charge' }));
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 4_242);
    await eventually(async () => dying.child.signalCode === 'SIGKILL', { timeoutMs: 30_000, message: 'payments to be killed after the charge' });

    db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    const sql = async (query: string, params: unknown[] = []) => (await db.query(query, params)).rows as Record<string, unknown>[];
    const [payment] = await sql('SELECT id, status FROM payment WHERE order_id = $1', [orderId]);
    // Charged at the provider, never committed here: PENDING, and nothing told orders.
    expect(payment.status).toBe('PENDING');
    expect(await sql('SELECT amount FROM simulated_charge WHERE idempotency_key = $1', [payment.id])).toEqual([{ amount: 4_242 }]);
    expect(orders.of('payments.payment.captured', orderId)).toEqual([]);
    // The dead worker's claim on the payment lasts its lease; let it run out instead of waiting.
    await sql('UPDATE payment SET next_attempt_at = now() WHERE id = $1', [payment.id]);

    await spawnService('payments', 'subgraphs/payments', env());
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    expect(captured).toMatchObject({ paymentId: payment.id, amount: { amount: 4_242, currency: 'USD' } });
    expect(await sql('SELECT status FROM payment WHERE id = $1', [payment.id])).toEqual([{ status: 'CAPTURED' }]);
    expect(await sql('SELECT amount FROM simulated_charge WHERE idempotency_key = $1', [payment.id])).toEqual([{ amount: 4_242 }]);
    // One charge request ever reached the provider: the restarted worker asked instead of charging.
    expect(await sql('SELECT attempts FROM simulated_attempt WHERE idempotency_key = $1', [payment.id])).toEqual([{ attempts: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(orders.of('payments.payment.captured', orderId)).toHaveLength(1);
  }, 120_000);
});
