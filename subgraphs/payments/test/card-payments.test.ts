import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeOrders, ORDER_PAYMENT, PAYMENT, sqlOf, startPayments } from './helpers';

/**
 * A confirmed order with a card is charged once by the worker, whatever the provider does, and
 * the outcome reaches orders as payments.payment.captured or payments.payment.failed.
 */
describe('card payments of confirmed orders', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let url: string;
  const sql = sqlOf(() => payments);
  const ledger = async (paymentId: string) => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM simulated_charge WHERE idempotency_key = $1', [paymentId]))[0].n;

  beforeAll(async () => {
    messaging = await testMessaging('payments-card');
    ({ payments, url } = await startPayments({ messaging, databaseUrl: await testDatabaseUrl('payments_card') }));
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('captures tok_visa and tells orders, and the customer sees the payment on the order', async () => {
    const { orderId, customerId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 4_278);
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    expect(captured).toEqual({ paymentId: expect.any(String), orderId, customerId, amount: { amount: 4_278, currency: 'USD' }, method: 'CARD' });

    const payment = await new Caller(url, customerId).paymentOf(orderId);
    expect(payment).toMatchObject({
      id: captured.paymentId,
      status: 'CAPTURED',
      method: 'CARD',
      amount: { amount: 4_278, currency: 'USD' },
      provider: 'simulated',
      order: { id: orderId },
      refunds: [],
    });
    expect(payment.reference).toMatch(/^ch_sim_/);
    expect(await ledger(captured.paymentId)).toBe(1);
    // The card token is not kept once the payment is settled.
    expect((await sql('SELECT card_token FROM payment WHERE id = $1', [captured.paymentId]))[0].card_token).toBeNull();
  });

  it.each([
    ['tok_chargeDeclined', 'card_declined'],
    ['tok_unknown', 'invalid_token'],
  ])('fails %s with %s, once', async (cardToken, reason) => {
    const { orderId, customerId } = await orders.confirm({ method: 'CARD', cardToken });
    const failed = await orders.awaitEvent('payments.payment.failed', orderId);
    expect(failed).toEqual({ paymentId: expect.any(String), orderId, customerId, reason });
    expect(await new Caller(url, customerId).paymentOf(orderId)).toMatchObject({ status: 'FAILED', failureReason: reason, reference: null });
    expect(orders.of('payments.payment.captured', orderId)).toEqual([]);
  });

  it('captures tok_transient after its transient failures, charging it once', async () => {
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_transient' });
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    const [attempts] = await sql('SELECT attempts FROM simulated_attempt WHERE idempotency_key = $1', [captured.paymentId]);
    expect(attempts.attempts).toBe(3);
    expect(await ledger(captured.paymentId)).toBe(1);
  });

  it('resolves tok_timeout (captured, answer lost) by asking the provider, never by charging again', async () => {
    const { orderId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_timeout' }, 2_500);
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    expect(captured.amount).toEqual({ amount: 2_500, currency: 'USD' });
    // One charge request reached the provider for this key: the timeout was resolved by findCharge.
    expect((await sql('SELECT attempts FROM simulated_attempt WHERE idempotency_key = $1', [captured.paymentId]))[0].attempts).toBe(1);
    expect(await ledger(captured.paymentId)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(orders.of('payments.payment.captured', orderId)).toHaveLength(1);
  });

  it('charges a duplicated orders.order.confirmed once (same event id, and a new id for the same order)', async () => {
    const { orderId, customerId, eventId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 1_000);
    const again = { orderId, customerId, total: { amount: 1_000, currency: 'USD' }, payment: { method: 'CARD' as const, cardToken: 'tok_visa' } };
    const secondId = randomUUID();
    await orders.publish('orders.order.confirmed', again, eventId);
    await orders.publish('orders.order.confirmed', again, secondId);
    await orders.awaitEvent('payments.payment.captured', orderId);
    // Both deliveries were handled (the redelivery is skipped by its id, the new id by the order id).
    await eventually(async () => (await sql('SELECT 1 FROM processed_event WHERE event_id = ANY($1::uuid[])', [[eventId, secondId]])).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await sql('SELECT id FROM payment WHERE order_id = $1', [orderId]);
    expect(rows).toHaveLength(1);
    expect(orders.of('payments.payment.captured', orderId)).toHaveLength(1);
    expect(await ledger(rows[0].id)).toBe(1);
  });

  it('does nothing for an order confirmed without a payment choice', async () => {
    const { orderId, customerId } = await orders.confirm(null);
    const { orderId: marker } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' });
    await orders.awaitEvent('payments.payment.captured', marker);
    expect(await sql('SELECT id FROM payment WHERE order_id = $1', [orderId])).toEqual([]);
    expect(await new Caller(url, customerId).paymentOf(orderId)).toBeNull();
  });

  it('shows a payment to its customer and admins only', async () => {
    const { orderId, customerId } = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' });
    const { paymentId } = await orders.awaitEvent('payments.payment.captured', orderId);

    expect((await new Caller(url, customerId).data(PAYMENT, { id: paymentId })).payment.id).toBe(paymentId);
    expect((await new Caller(url, 'admin-1', ['ADMIN']).paymentOf(orderId)).id).toBe(paymentId);

    const stranger = new Caller(url);
    const read = await stranger.request(PAYMENT, { id: paymentId });
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await stranger.paymentOf(orderId)).toBeNull();
    const anonymous = await graphql(url, PAYMENT, { id: paymentId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await stranger.request(PAYMENT, { id: 'not-a-uuid' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('batches Order.payment and its refunds for many orders', async () => {
    const customerId = randomUUID();
    const confirmed = [];
    for (let i = 0; i < 10; i++) confirmed.push(await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, 100 + i, customerId));
    for (const { orderId } of confirmed) await orders.awaitEvent('payments.payment.captured', orderId);
    const customer = new Caller(url, customerId);
    const before = payments.database.queryCount;
    const answer = await customer.data(ORDER_PAYMENT, { reps: confirmed.map(({ orderId }) => ({ __typename: 'Order', id: orderId })) });
    expect(answer._entities.map((e: any) => e.payment.amount.amount)).toEqual(confirmed.map((_, i) => 100 + i));
    // One query for the payments, one for their refunds: not one per order (a few more may be the
    // relay's and the worker's polls, which share the counter).
    expect(payments.database.queryCount - before).toBeLessThanOrEqual(6);
  });
});
