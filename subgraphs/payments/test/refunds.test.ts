import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeOrders, REFUND, sqlOf, startPayments } from './helpers';

/** Refunds: a cancelled order's capture goes back in full, once; admins refund parts, never more than captured. */
describe('refunds', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let url: string;
  let admin: Caller;
  const sql = sqlOf(() => payments);

  beforeAll(async () => {
    messaging = await testMessaging('payments-refunds');
    ({ payments, url } = await startPayments({ messaging, databaseUrl: await testDatabaseUrl('payments_refunds') }));
    orders = await FakeOrders.start(messaging);
    admin = new Caller(url, 'admin-1', ['ADMIN']);
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  async function capturedOrder(amount: number) {
    const order = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, amount);
    const { paymentId } = await orders.awaitEvent('payments.payment.captured', order.orderId);
    return { ...order, paymentId };
  }

  it('refunds a cancelled order in full, once, and tells orders it is fully refunded', async () => {
    const { orderId, customerId, paymentId } = await capturedOrder(5_000);
    await orders.cancel(orderId, customerId);
    await orders.cancel(orderId, customerId); // a second cancellation (another event id) refunds nothing more
    const refunded = await orders.awaitEvent('payments.payment.refunded', orderId);
    expect(refunded).toEqual({
      paymentId,
      refundId: expect.any(String),
      orderId,
      customerId,
      amount: { amount: 5_000, currency: 'USD' },
      refundedTotal: { amount: 5_000, currency: 'USD' },
      fully: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(orders.of('payments.payment.refunded', orderId)).toHaveLength(1);
    const payment = await new Caller(url, customerId).paymentOf(orderId);
    expect(payment).toMatchObject({ status: 'REFUNDED', refunds: [{ amount: { amount: 5_000, currency: 'USD' }, reason: 'order cancelled' }] });
    // The provider's books agree: the whole charge was refunded, by one refund.
    expect(await sql('SELECT refunded FROM simulated_charge WHERE idempotency_key = $1', [paymentId])).toEqual([{ refunded: 5_000 }]);
    expect(await sql('SELECT amount FROM simulated_refund WHERE charge_ref = $1', [payment.reference])).toEqual([{ amount: 5_000 }]);
  });

  it('ignores the cancellation of an order it has no payment for', async () => {
    const unknown = randomUUID();
    await orders.cancel(unknown, randomUUID());
    // An event published after it, handled after it: by then the cancellation was handled too.
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 700);
    await orders.awaitEvent('payments.payment.captured', orderId);
    expect(orders.of('payments.payment.refunded', unknown)).toEqual([]);
    expect(await sql('SELECT id FROM payment WHERE order_id = $1', [unknown])).toEqual([]);
  });

  it('lets an admin refund part of a payment, then the rest (PARTIALLY_REFUNDED, then REFUNDED)', async () => {
    const { orderId, paymentId } = await capturedOrder(10_000);
    const first = (await admin.data(REFUND, { paymentId, amount: 3_000, reason: 'damaged box' })).refundPayment;
    expect(first).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunds: [{ amount: { amount: 3_000, currency: 'USD' }, reason: 'damaged box' }] });
    const partial = await orders.awaitEvent('payments.payment.refunded', orderId);
    expect(partial).toMatchObject({ amount: { amount: 3_000 }, refundedTotal: { amount: 3_000 }, fully: false });

    const over = await admin.request(REFUND, { paymentId, amount: 7_001 });
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount', refundable: 7_000 });

    const rest = (await admin.data(REFUND, { paymentId, amount: 7_000 })).refundPayment;
    expect(rest.status).toBe('REFUNDED');
    await eventually(async () => orders.of('payments.payment.refunded', orderId).length === 2);
    expect(orders.of('payments.payment.refunded', orderId)[1]).toMatchObject({ amount: { amount: 7_000 }, refundedTotal: { amount: 10_000 }, fully: true });

    const again = await admin.request(REFUND, { paymentId, amount: 1 });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('never refunds more than was captured when refunds race', async () => {
    const { orderId, paymentId } = await capturedOrder(10_000);
    // Ten refunds of 15.00 at once on 100.00: six fit, four must be refused.
    const answers = await Promise.all(Array.from({ length: 10 }, () => admin.request(REFUND, { paymentId, amount: 1_500 })));
    const ok = answers.filter((answer) => !answer.errors);
    expect(ok).toHaveLength(6);
    expect(answers.filter((answer) => answer.errors?.[0].extensions?.code === 'BAD_USER_INPUT')).toHaveLength(4);
    const [row] = await sql('SELECT refunded, status FROM payment WHERE id = $1', [paymentId]);
    expect(row).toEqual({ refunded: 9_000, status: 'PARTIALLY_REFUNDED' });
    expect((await sql('SELECT refunded FROM simulated_charge WHERE idempotency_key = $1', [paymentId]))[0].refunded).toBe(9_000);
    await eventually(async () => orders.of('payments.payment.refunded', orderId).length === 6);
    expect(orders.of('payments.payment.refunded', orderId).every((event) => !event.fully)).toBe(true);
  });

  it('refuses bad refunds, changing nothing', async () => {
    const { paymentId, customerId } = await capturedOrder(2_000);
    const expectError = async (caller: Caller, variables: Record<string, unknown>, code: string, field?: string) => {
      const answer = await caller.request(REFUND, variables);
      expect(answer.errors?.[0].extensions).toMatchObject(field ? { code, field } : { code });
    };
    await expectError(new Caller(url, customerId), { paymentId, amount: 100 }, 'FORBIDDEN');
    await expectError(admin, { paymentId, amount: 0 }, 'BAD_USER_INPUT', 'amount');
    await expectError(admin, { paymentId, amount: -5 }, 'BAD_USER_INPUT', 'amount');
    await expectError(admin, { paymentId, amount: 2_001 }, 'BAD_USER_INPUT', 'amount');
    await expectError(admin, { paymentId: 'nope', amount: 100 }, 'BAD_USER_INPUT', 'paymentId');
    await expectError(admin, { paymentId: randomUUID(), amount: 100 }, 'NOT_FOUND');
    await expectError(admin, { paymentId, amount: 100, reason: 'x'.repeat(501) }, 'BAD_USER_INPUT', 'reason');
    expect(await sql('SELECT refunded, status FROM payment WHERE id = $1', [paymentId])).toEqual([{ refunded: 0, status: 'CAPTURED' }]);
    expect(await sql('SELECT id FROM refund WHERE payment_id = $1', [paymentId])).toEqual([]);

    const { orderId: failedOrder } = await orders.confirm({ method: 'CARD', cardToken: 'tok_chargeDeclined' });
    const { paymentId: failed } = await orders.awaitEvent('payments.payment.failed', failedOrder);
    await expectError(admin, { paymentId: failed, amount: 100 }, 'CONFLICT');
  });
});
