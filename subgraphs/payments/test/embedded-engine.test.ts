import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testMessaging } from '@supergraph/testkit';
import { DEMO_CREDIT_LINE, DEMO_CUSTOMER_ID, seedDemoCreditLine } from '../src/seed';
import { Caller, FakeOrders, REFUND, startPayments } from './helpers';

/**
 * The embedded default: PGlite, one database session. The worker never holds a transaction across
 * a provider call, so charging and refunding work there too; the demo credit line is seeded once.
 */
describe('payments on the embedded engine', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let url: string;

  beforeAll(async () => {
    messaging = await testMessaging('payments-embedded');
    orders = await FakeOrders.start(messaging);
    ({ payments, url } = await startPayments({ messaging, seed: true })); // no database URL: PGlite in memory
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('seeds the "Mundo Cuotas" line of customer@example.com once, and tells orders', async () => {
    const update = await eventually(async () => orders.received.find((e) => e.topic === 'payments.creditLine.updated')?.payload);
    expect(update).toEqual({
      creditLineId: DEMO_CREDIT_LINE.id,
      customerId: DEMO_CUSTOMER_ID,
      status: 'APPROVED',
      limit: { amount: DEMO_CREDIT_LINE.limit, currency: 'USD' },
      available: { amount: DEMO_CREDIT_LINE.limit, currency: 'USD' },
    });
    await seedDemoCreditLine(payments.runtime); // every start seeds again: nothing more
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(orders.received.filter((e) => e.topic === 'payments.creditLine.updated')).toHaveLength(1);
  });

  it('charges by card and by credit line, and refunds, on one database session', async () => {
    const { orderId: cardOrder } = await orders.confirm({ method: 'CARD', cardToken: 'tok_transient' }, 1_500);
    const { paymentId } = await orders.awaitEvent('payments.payment.captured', cardOrder);
    const admin = new Caller(url, 'admin-1', ['ADMIN']);
    expect((await admin.data(REFUND, { paymentId, amount: 500 })).refundPayment.status).toBe('PARTIALLY_REFUNDED');
    expect(await orders.awaitEvent('payments.payment.refunded', cardOrder)).toMatchObject({ amount: { amount: 500 }, fully: false });

    const { orderId: creditOrder } = await orders.confirm({ method: 'CREDIT_LINE', installments: 12 }, 120_000, DEMO_CUSTOMER_ID);
    expect(await orders.awaitEvent('payments.payment.captured', creditOrder)).toMatchObject({ method: 'CREDIT_LINE' });
  });
});
