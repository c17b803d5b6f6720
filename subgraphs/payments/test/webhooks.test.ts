import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { SimulatedProvider } from '../src/domain/providers/simulated';
import { Caller, FakeOrders, sqlOf, startPayments } from './helpers';

/**
 * `POST /webhooks/payments` on the payments service itself: signed over the raw body, and a
 * replayed webhook changes nothing twice. The worker is off here, so payments stay PENDING until
 * a webhook settles them (as a charge whose answer was lost would).
 */
describe('provider webhooks', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let url: string;
  let webhookUrl: string;
  const sql = sqlOf(() => payments);
  // Signs like the simulated provider of the subgraph (the same default secret).
  const signer = new SimulatedProvider();

  beforeAll(async () => {
    messaging = await testMessaging('payments-webhooks');
    ({ payments, url } = await startPayments({ messaging, databaseUrl: await testDatabaseUrl('payments_webhooks'), env: { PAYMENTS_WORKER_INTERVAL_MS: '0' } }));
    webhookUrl = `${payments.url}/webhooks/payments`;
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  async function pendingPayment(amount: number) {
    const order = await orders.confirm({ method: 'CARD', cardToken: 'tok_visa' }, amount);
    const [row] = await eventually(async () => {
      const rows = await sql('SELECT id, status FROM payment WHERE order_id = $1', [order.orderId]);
      return rows.length ? rows : undefined;
    });
    expect(row.status).toBe('PENDING');
    return { ...order, paymentId: row.id as string };
  }

  const post = (body: string, signature: string) => fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });

  it('settles a PENDING payment from a signed capture webhook, and a replay changes nothing', async () => {
    const { orderId, customerId, paymentId } = await pendingPayment(3_300);
    const { body, signature } = signer.signWebhook({ id: 'evt_capture_1', type: 'charge.captured', chargeRef: 'ch_sim_webhook', idempotencyKey: paymentId, amount: 3_300 });

    const first = await post(body, signature);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const captured = await orders.awaitEvent('payments.payment.captured', orderId);
    expect(captured).toMatchObject({ paymentId, customerId, amount: { amount: 3_300, currency: 'USD' } });

    const replay = await post(body, signature);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(orders.of('payments.payment.captured', orderId)).toHaveLength(1);
    expect(await new Caller(url, customerId).paymentOf(orderId)).toMatchObject({ status: 'CAPTURED', reference: 'ch_sim_webhook' });
    expect(await sql('SELECT id FROM webhook_event')).toEqual([{ id: 'evt_capture_1' }]);
  });

  it('fails a PENDING payment on a decline webhook', async () => {
    const { orderId, paymentId } = await pendingPayment(1_200);
    const { body, signature } = signer.signWebhook({ id: 'evt_decline_1', type: 'charge.declined', chargeRef: 'ch_sim_declined', idempotencyKey: paymentId, amount: 1_200 });
    expect((await post(body, signature)).status).toBe(200);
    expect(await orders.awaitEvent('payments.payment.failed', orderId)).toMatchObject({ paymentId, reason: 'declined' });
  });

  it('refuses a webhook whose signature does not match its bytes, changing nothing', async () => {
    const { orderId, paymentId } = await pendingPayment(900);
    const { body, signature } = signer.signWebhook({ id: 'evt_forged', type: 'charge.captured', chargeRef: 'ch_forged', idempotencyKey: paymentId, amount: 900 });
    const tampered = body.replace('"amount":900', '"amount":901');
    const refused = await post(tampered, signature);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = new SimulatedProvider({ webhookSecret: 'whsec_someone_else' }).signWebhook({
      id: 'evt_forged_2',
      type: 'charge.captured',
      chargeRef: 'ch_forged',
      idempotencyKey: paymentId,
      amount: 900,
    });
    expect((await post(forged.body, forged.signature)).status).toBe(400);
    expect((await post(body, '')).status).toBe(400);
    expect((await fetch(webhookUrl)).status).toBe(405);
    expect(await sql('SELECT status FROM payment WHERE id = $1', [paymentId])).toEqual([{ status: 'PENDING' }]);
    expect(await sql('SELECT id FROM webhook_event WHERE id LIKE $1', ['evt_forged%'])).toEqual([]);
    expect(orders.of('payments.payment.captured', orderId)).toEqual([]);
  });

  it('drops a payment not yet charged when its order is cancelled (no event: the order is already cancelled)', async () => {
    const { orderId, customerId, paymentId } = await pendingPayment(450);
    await orders.cancel(orderId, customerId);
    await eventually(async () => (await sql('SELECT status FROM payment WHERE id = $1', [paymentId]))[0].status === 'FAILED');
    expect(await sql('SELECT failure_reason, card_token FROM payment WHERE id = $1', [paymentId])).toEqual([{ failure_reason: 'order cancelled', card_token: null }]);
    expect(orders.of('payments.payment.failed', orderId)).toEqual([]);
    expect(orders.of('payments.payment.refunded', orderId)).toEqual([]);
  });
});
