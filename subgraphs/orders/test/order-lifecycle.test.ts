import type { DomainEvent, Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeDelivery, FakePayments, FakeProducts, FakeUsers, ORDER_DETAILS, startOrders } from './helpers';

/**
 * An order's life after confirmation, through the real outbox relay, bus and consumers, with the
 * test playing products, delivery and payments: PAID or PAYMENT_FAILED, SHIPPED, DELIVERED, and a
 * cancellation refunded in full. Every move is in the history, and a repeated event moves nothing.
 */
describe("an order's whole life", () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let payments: FakePayments;
  let url: string;
  let kettle: string; // 12.50

  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => orders.database.dataSource.query(query, params);
  const history = async (customer: Caller, id: string) => ((await customer.data(ORDER_DETAILS, { id })).order.statusHistory as { to: string; reason: string | null }[]).map((h) => h.to);
  const outboxTopics = async (orderId: string) => (await sql<{ topic: string }>(`SELECT topic FROM outbox WHERE payload->>'orderId' = $1 ORDER BY seq`, [orderId])).map((r) => r.topic);

  /** A card order that reached PAID. */
  async function paidOrder(customer = new Caller(url)) {
    payments.answer = 'capture';
    await customer.addToCart(kettle, 2);
    const placed = await customer.checkout(undefined, { paymentMethod: 'CARD', cardToken: 'tok_visa' });
    await customer.awaitStatus(placed.id, 'PAID');
    return { customer, id: placed.id };
  }

  /** Waits until orders has consumed the event (moved by it or not); events of one topic are consumed in order. */
  const consumed = (event: DomainEvent) =>
    eventually(async () => (await sql(`SELECT 1 FROM processed_event WHERE event_id = $1`, [event.id])).length === 1, { message: `${event.topic} to be consumed` });
  async function publishAndWait(event: DomainEvent) {
    await messaging.bus.publish(event);
    await consumed(event);
  }

  beforeAll(async () => {
    messaging = await testMessaging('orders-lifecycle');
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_lifecycle') }));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
    payments = await FakePayments.start(messaging);
    FakeUsers.install(messaging, orders);
    [kettle] = await products.announce(orders, [{ name: 'Kettle', amount: 1250 }]);
  });
  beforeEach(() => {
    payments.answer = 'capture';
  });
  afterAll(async () => {
    await products?.stop();
    await delivery?.stop();
    await payments?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('goes CONFIRMED → PAID → SHIPPED → DELIVERED, handing the card token to payments and keeping it no longer', async () => {
    const { customer, id } = await paidOrder();
    const confirmed = payments.confirmedFor(id);
    expect(confirmed).toHaveLength(1);
    // 2 × 12.50 + 8% + 4.99
    expect(confirmed[0].payload).toEqual({ orderId: id, customerId: customer.userId, total: { amount: 2500 + 200 + 499, currency: 'USD' }, payment: { method: 'CARD', cardToken: 'tok_visa' } });
    expect(JSON.stringify(await sql('SELECT * FROM customer_order WHERE id = $1', [id]))).not.toContain('tok_visa');

    await messaging.bus.publish(delivery.moveEvent('delivery.delivery.pickedUp', id, customer.userId));
    await customer.awaitStatus(id, 'SHIPPED');
    await messaging.bus.publish(delivery.moveEvent('delivery.delivery.delivered', id, customer.userId));
    await customer.awaitStatus(id, 'DELIVERED');
    const { order } = await customer.data(ORDER_DETAILS, { id });
    expect(order.statusHistory.map((h: { from: string | null; to: string; reason: string | null }) => [h.from, h.to, h.reason])).toEqual([
      [null, 'PENDING', null],
      ['PENDING', 'CONFIRMED', null],
      ['CONFIRMED', 'PAID', 'Paid by card'],
      ['PAID', 'SHIPPED', 'Picked up by the courier'],
      ['SHIPPED', 'DELIVERED', 'Delivered'],
    ]);
  });

  it('marks a delivery heard of before its pickup SHIPPED then DELIVERED', async () => {
    const { customer, id } = await paidOrder();
    await messaging.bus.publish(delivery.moveEvent('delivery.delivery.delivered', id, customer.userId));
    await customer.awaitStatus(id, 'DELIVERED');
    await publishAndWait(delivery.moveEvent('delivery.delivery.pickedUp', id, customer.userId)); // late: changes nothing
    expect(await history(customer, id)).toEqual(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED', 'DELIVERED']);
  });

  it('goes PAYMENT_FAILED when the payment fails for good, and gives the stock back', async () => {
    payments.answer = 'fail';
    const customer = new Caller(url);
    await customer.addToCart(kettle, 1);
    const { id } = await customer.checkout(undefined, { paymentMethod: 'CARD', cardToken: 'tok_chargeDeclined' });
    await customer.awaitStatus(id, 'PAYMENT_FAILED');
    const { order } = await customer.data(ORDER_DETAILS, { id });
    expect(order.statusHistory.at(-1)).toMatchObject({ from: 'CONFIRMED', to: 'PAYMENT_FAILED', reason: 'Payment failed: Card declined' });
    await eventually(async () => products.cancelledFor(id).length === 1, { message: 'the stock to be released' });
    const cancel = await customer.request('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id });
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'PAYMENT_FAILED' });
  });

  it('cancels a PAID order: CANCELLED, stock back and refund asked for, then REFUNDED once payments refunded it in full', async () => {
    const { customer, id } = await paidOrder();
    const cancelled = await customer.data('mutation($id: ID!) { cancelOrder(id: $id, reason: "Changed my mind") { status } }', { id });
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    await customer.awaitStatus(id, 'REFUNDED');
    expect(products.cancelledFor(id)).toHaveLength(1);
    const { order } = await customer.data(ORDER_DETAILS, { id });
    expect(order.statusHistory.slice(-2).map((h: { from: string; to: string; reason: string }) => [h.from, h.to, h.reason])).toEqual([
      ['PAID', 'CANCELLED', 'Changed my mind'],
      ['CANCELLED', 'REFUNDED', 'Refunded in full'],
    ]);
  });

  it('keeps a partly refunded order as it is, and marks it REFUNDED when the refunds complete the amount', async () => {
    const { customer, id } = await paidOrder();
    await publishAndWait(payments.refundEvent(id, customer.userId, 1000, false));
    expect(await customer.status(id)).toBe('PAID');
    await payments.publish(payments.refundEvent(id, customer.userId, 3199, true));
    await customer.awaitStatus(id, 'REFUNDED');
  });

  it('changes nothing when payments, delivery or the quote repeat themselves', async () => {
    payments.answer = 'hold';
    const customer = new Caller(url);
    await customer.addToCart(kettle, 1);
    const { id } = await customer.checkout(undefined, { paymentMethod: 'CARD', cardToken: 'tok_visa' });
    await customer.awaitStatus(id, 'CONFIRMED');
    await eventually(async () => payments.confirmedFor(id).length === 1);
    const before = (await customer.data(ORDER_DETAILS, { id })).order;
    // A second quote, a different one, changes nothing once the order is confirmed.
    await publishAndWait(delivery.quoteEvent(id, { amount: 1, currency: 'USD' }));

    const captured = payments.capturedEvent(payments.confirmedFor(id)[0].payload);
    await payments.publish(captured);
    await customer.awaitStatus(id, 'PAID');
    await payments.publish(captured); // the same event again (at-least-once delivery)
    // Another capture after it: once it is consumed, so is the repeat before it (one stream per topic, in order).
    await publishAndWait(payments.capturedEvent(payments.confirmedFor(id)[0].payload));
    await publishAndWait(payments.failedEvent(payments.confirmedFor(id)[0].payload)); // a late failure
    const pickedUp = delivery.moveEvent('delivery.delivery.pickedUp', id, customer.userId);
    await messaging.bus.publish(pickedUp);
    await customer.awaitStatus(id, 'SHIPPED');
    await messaging.bus.publish(pickedUp);
    await publishAndWait(delivery.moveEvent('delivery.delivery.pickedUp', id, customer.userId));

    const { order } = await customer.data(ORDER_DETAILS, { id });
    expect(order.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED']);
    expect([order.shippingCost, order.total]).toEqual([before.shippingCost, before.total]);
    expect(await outboxTopics(id)).toEqual([
      'orders.order.placed',
      'orders.order.statusChanged',
      'orders.order.statusChanged',
      'orders.order.confirmed',
      'orders.order.statusChanged',
      'orders.order.statusChanged',
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM processed_event WHERE event_id = $1`, [captured.id])).toEqual([{ n: 1 }]);
  });
});
