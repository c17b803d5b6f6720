import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, CHECKOUT, FakeProducts, ORDER_DETAILS, startOrders } from './helpers';

/**
 * Checkout through the real outbox relay, bus and consumers, with the test playing products:
 * PENDING, then CONFIRMED with products' prices (or REJECTED), exactly once per idempotency key.
 */
describe('checkout', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let url: string;
  let kettle: string; // 12.50
  let mug: string; // 9.99
  let lamp: string; // 25.00

  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => orders.database.dataSource.query(query, params);
  const ordersOf = async (customerId: string) => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM customer_order WHERE customer_id = $1', [customerId]))[0].n;

  beforeAll(async () => {
    messaging = await testMessaging('orders-checkout');
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_checkout') }));
    products = await FakeProducts.start(messaging);
    [kettle, mug, lamp] = await products.announce(orders, [
      { name: 'Kettle', amount: 1250 },
      { name: 'Mug', amount: 999 },
      { name: 'Lamp', amount: 2500 },
    ]);
  });
  beforeEach(() => {
    products.answer = 'reserve';
  });
  afterAll(async () => {
    await products?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('places a PENDING order that products confirms, with its prices, 8% tax and flat shipping', async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([
      [kettle, 2],
      [mug, 1],
    ]);
    expect(placed.status).toBe('PENDING');
    const pending = (await customer.data(ORDER_DETAILS, { id: placed.id })).order;
    expect(pending).toMatchObject({ status: 'PENDING', paymentMethod: 'CARD', customer: { id: customer.userId }, subtotal: null, tax: null, shippingCost: null, total: null });
    expect(pending.items.every((i: { unitPrice: unknown; lineTotal: unknown }) => i.unitPrice === null && i.lineTotal === null)).toBe(true);
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(0);

    await eventually(async () => products.placedFor(placed.id).length === 1, { message: 'orders.order.placed' });
    expect(products.placedFor(placed.id)[0].payload).toEqual({
      orderId: placed.id,
      customerId: customer.userId,
      items: expect.arrayContaining([
        { productId: kettle, quantity: 2 },
        { productId: mug, quantity: 1 },
      ]),
    });
    await products.reserve(placed.id);
    await customer.awaitStatus(placed.id, 'CONFIRMED');

    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    expect(order.items).toEqual(
      expect.arrayContaining([
        { product: { id: kettle }, quantity: 2, unitPrice: usd(1250), lineTotal: usd(2500) },
        { product: { id: mug }, quantity: 1, unitPrice: usd(999), lineTotal: usd(999) },
      ]),
    );
    // 3499 × 8% = 279.92 → 280; below 50.00, so shipping is 4.99.
    expect(order).toMatchObject({ subtotal: usd(3499), tax: usd(280), shippingCost: usd(499), total: usd(4278) });
    expect(order.statusHistory).toEqual([
      { from: null, to: 'PENDING', reason: null, at: order.createdAt },
      { from: 'PENDING', to: 'CONFIRMED', reason: null, at: order.updatedAt },
    ]);
  });

  it('ships free from a subtotal of 50.00', async () => {
    const customer = new Caller(url);
    const placed = await customer.placeOrder([[lamp, 2]]);
    await customer.awaitStatus(placed.id, 'CONFIRMED');
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect([order.subtotal.amount, order.tax.amount, order.shippingCost.amount, order.total.amount]).toEqual([5000, 400, 0, 5400]);
  });

  it('returns the same order for the same idempotency key, even when the cart has changed since', async () => {
    const customer = new Caller(url);
    await customer.addToCart(kettle, 1);
    const first = await customer.checkout('same-key-0001');
    await customer.addToCart(mug, 3);
    const again = await customer.checkout('same-key-0001');
    expect(again.id).toBe(first.id);
    expect(await ordersOf(customer.userId)).toBe(1);
    // The retry placed nothing: the new cart is still there for the next checkout.
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(3);
    await customer.awaitStatus(first.id, 'CONFIRMED');
    const { order } = await customer.data(ORDER_DETAILS, { id: first.id });
    expect(order.items).toEqual([expect.objectContaining({ product: { id: kettle }, quantity: 1 })]);
  });

  it('makes one order and one placed event of 10 identical checkouts sent at once', async () => {
    const customer = new Caller(url);
    await customer.addToCart(mug, 2);
    const results = await Promise.all(Array.from({ length: 10 }, () => customer.request(CHECKOUT, { input: { idempotencyKey: 'raced-checkout-0001' } })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((r) => r.data.checkout.id));
    expect(ids.size).toBe(1);
    const [orderId] = ids;
    expect(await ordersOf(customer.userId)).toBe(1);
    await customer.awaitStatus(orderId, 'CONFIRMED');
    expect(products.placedFor(orderId)).toHaveLength(1);
    const outbox = await sql(`SELECT topic FROM outbox WHERE payload->>'orderId' = $1`, [orderId]);
    expect(outbox).toEqual([{ topic: 'orders.order.placed' }]);
  });

  it.each([
    ['a short idempotency key', { idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ['a long idempotency key', { idempotencyKey: 'k'.repeat(101) }, 'input.idempotencyKey'],
    ['installments with a card', { idempotencyKey: 'installments-card-1', installments: 3 }, 'input.installments'],
    ['4 installments', { idempotencyKey: 'installments-four-1', paymentMethod: 'CREDIT_LINE', installments: 4 }, 'input.installments'],
    ['a malformed address id', { idempotencyKey: 'bad-address-0001', addressId: 'home' }, 'input.addressId'],
  ])('refuses %s, creating no order and keeping the cart', async (_, input, field) => {
    const customer = new Caller(url);
    await customer.addToCart(kettle, 1);
    const res = await customer.request(CHECKOUT, { input });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await ordersOf(customer.userId)).toBe(0);
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(1);
  });

  it('refuses to check out an empty cart', async () => {
    const customer = new Caller(url);
    const res = await customer.request(CHECKOUT, { input: { idempotencyKey: 'empty-cart-0001' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cart' });
    expect(await ordersOf(customer.userId)).toBe(0);
  });

  it('accepts a credit line in 6 installments, and stores no card token', async () => {
    const customer = new Caller(url);
    await customer.addToCart(kettle, 1);
    const placed = await customer.checkout('credit-line-0001', { paymentMethod: 'CREDIT_LINE', installments: 6, cardToken: 'tok_visa' });
    const { order } = await customer.data('query($id: ID!) { order(id: $id) { paymentMethod installments } }', { id: placed.id });
    expect(order).toEqual({ paymentMethod: 'CREDIT_LINE', installments: 6 });
    const rows = await sql(`SELECT * FROM customer_order WHERE id = $1`, [placed.id]);
    expect(JSON.stringify(rows)).not.toContain('tok_visa');
  });

  it('moves the order to REJECTED, naming the short products, when products has no stock', async () => {
    products.answer = 'reject';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([
      [lamp, 3],
      [mug, 1],
    ]);
    await customer.awaitStatus(placed.id, 'REJECTED');
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect(order.total).toBeNull();
    expect(order.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'REJECTED']);
    expect(order.statusHistory[1].reason).toContain('Lamp (3 requested, 0 available)');
    expect(order.statusHistory[1].reason).toContain('Mug (1 requested, 0 available)');
  });

  it('rejects an order priced in two currencies, and has its stock given back', async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([
      [kettle, 1],
      [mug, 1],
    ]);
    await eventually(async () => products.placedFor(placed.id).length === 1);
    await products.reserve(placed.id, { [mug]: { amount: 900, currency: 'EUR' } });
    await customer.awaitStatus(placed.id, 'REJECTED');
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect(order.statusHistory[1].reason).toMatch(/currencies \(EUR, USD\)/);
    expect(order.total).toBeNull();
    await eventually(async () => products.cancelledFor(placed.id).length === 1, { message: 'the stock to be released' });
  });

  it('changes nothing when the reserved answer is delivered again, or answered twice', async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([[kettle, 4]]);
    await eventually(async () => products.placedFor(placed.id).length === 1);
    const answer = products.reservedAnswer(placed.id);
    await messaging.bus.publish(answer);
    await customer.awaitStatus(placed.id, 'CONFIRMED');
    const before = (await customer.data(ORDER_DETAILS, { id: placed.id })).order;

    await messaging.bus.publish(answer); // the same event again (at-least-once delivery)
    await messaging.bus.publish({ ...products.reservedAnswer(placed.id, { [kettle]: { amount: 1, currency: 'USD' } }) }); // a second, different answer
    // A later event for another order proves both were consumed before we look.
    const marker = await customer.placeOrder([[mug, 1]]);
    await eventually(async () => products.placedFor(marker.id).length === 1);
    await products.reserve(marker.id);
    await customer.awaitStatus(marker.id, 'CONFIRMED');

    expect((await customer.data(ORDER_DETAILS, { id: placed.id })).order).toEqual(before);
    const processed = await sql(`SELECT count(*)::int AS n FROM processed_event WHERE event_id = $1`, [answer.id]);
    expect(processed).toEqual([{ n: 1 }]);
  });
});
