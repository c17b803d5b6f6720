import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, CHECKOUT, FakeDelivery, FakePayments, FakeProducts, FakeUsers, ORDER_DETAILS, startOrders } from './helpers';

/**
 * Checkout through the real outbox relay, bus and consumers, with the test playing products,
 * delivery, users and payments: PENDING, then CONFIRMED with products' prices and delivery's
 * shipping quote (or REJECTED), exactly once per idempotency key.
 */
describe('checkout', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let payments: FakePayments;
  let users: FakeUsers;
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
    delivery = await FakeDelivery.start(messaging);
    payments = await FakePayments.start(messaging);
    users = FakeUsers.install(messaging, orders);
    [kettle, mug, lamp] = await products.announce(orders, [
      { name: 'Kettle', amount: 1250, weightGrams: 1300 },
      { name: 'Mug', amount: 999, weightGrams: 400 },
      { name: 'Lamp', amount: 2500, weightGrams: 2000 },
    ]);
  });
  beforeEach(() => {
    products.answer = 'reserve';
    delivery.answer = 'quote';
    delivery.cost = { amount: 499, currency: 'USD' };
    payments.answer = 'hold';
  });
  afterAll(async () => {
    await products?.stop();
    await delivery?.stop();
    await payments?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('places a PENDING order, CONFIRMED only once products reserved it and delivery quoted it: prices, 8% tax and the quote', async () => {
    products.answer = 'hold';
    delivery.answer = 'hold';
    const customer = new Caller(url);
    const address = await users.addAddress(customer.userId, { line1: '9 Elm Street', city: 'Springfield', postalCode: '12345' });
    const placed = await customer.placeOrder([
      [kettle, 2],
      [mug, 1],
    ]);
    expect(placed.status).toBe('PENDING');
    const pending = (await customer.data(ORDER_DETAILS, { id: placed.id })).order;
    expect(pending).toMatchObject({
      status: 'PENDING',
      paymentMethod: null,
      customer: { id: customer.userId },
      shippingAddress: { line1: '9 Elm Street', city: 'Springfield', postalCode: '12345', country: 'US' },
      subtotal: null,
      tax: null,
      shippingCost: null,
      total: null,
    });
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
      shipping: { addressId: address.addressId, line1: '9 Elm Street', city: 'Springfield', postalCode: '12345', country: 'US' },
      // 2 × 1300 g + 400 g
      weightGrams: 3000,
    });
    await eventually(async () => delivery.placedFor(placed.id).length === 1, { message: 'delivery to hear of the order' });
    await products.reserve(placed.id);
    // One answer is not enough: a later order, confirmed with both answers, proves the first answer was consumed.
    const marker = await customer.placeOrder([[mug, 1]]);
    await eventually(async () => products.placedFor(marker.id).length === 1 && delivery.placedFor(marker.id).length === 1);
    await products.reserve(marker.id);
    await delivery.quote(marker.id);
    await customer.awaitStatus(marker.id, 'CONFIRMED');
    expect(await customer.status(placed.id)).toBe('PENDING');

    await delivery.quote(placed.id);
    await customer.awaitStatus(placed.id, 'CONFIRMED');

    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    expect(order.items).toEqual(
      expect.arrayContaining([
        { product: { id: kettle }, quantity: 2, unitPrice: usd(1250), lineTotal: usd(2500) },
        { product: { id: mug }, quantity: 1, unitPrice: usd(999), lineTotal: usd(999) },
      ]),
    );
    // 3499 × 8% = 279.92 → 280; shipping is delivery's quote, 4.99.
    expect(order).toMatchObject({ subtotal: usd(3499), tax: usd(280), shippingCost: usd(499), total: usd(4278) });
    // No payment was chosen: payments hears of the total and takes nothing; the order waits CONFIRMED.
    await eventually(async () => payments.confirmedFor(placed.id).length === 1, { message: 'orders.order.confirmed' });
    expect(payments.confirmedFor(placed.id)[0].payload).toEqual({ orderId: placed.id, customerId: customer.userId, total: usd(4278), payment: null });
    expect(order.statusHistory).toEqual([
      { from: null, to: 'PENDING', reason: null, at: order.createdAt },
      { from: 'PENDING', to: 'CONFIRMED', reason: null, at: order.updatedAt },
    ]);
  });

  it("charges delivery's quote whatever the subtotal, and takes the shipping answer first as well", async () => {
    products.answer = 'hold';
    delivery.cost = { amount: 1299, currency: 'USD' };
    const customer = new Caller(url);
    const placed = await customer.placeOrder([[lamp, 2]]);
    await eventually(async () => products.placedFor(placed.id).length === 1);
    await products.reserve(placed.id);
    await customer.awaitStatus(placed.id, 'CONFIRMED');
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect([order.subtotal.amount, order.tax.amount, order.shippingCost.amount, order.total.amount]).toEqual([5000, 400, 1299, 6699]);
    expect(delivery.placedFor(placed.id)[0].payload.weightGrams).toBe(4000);
  });

  it('rejects an order delivery cannot ship, giving back the stock products had reserved', async () => {
    delivery.answer = 'hold';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([[kettle, 1]]);
    await eventually(async () => delivery.placedFor(placed.id).length === 1);
    // Products answers first: the stock is held when delivery says no.
    await eventually(async () => (await sql(`SELECT stock_reserved FROM customer_order WHERE id = $1`, [placed.id]))[0].stock_reserved === true, { message: 'the reservation' });
    await delivery.reject(placed.id, 'No courier serves 99999');
    await customer.awaitStatus(placed.id, 'REJECTED');
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect(order.total).toBeNull();
    expect(order.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'REJECTED']);
    expect(order.statusHistory[1].reason).toBe('Cannot ship this order: No courier serves 99999');
    await eventually(async () => products.cancelledFor(placed.id).length === 1, { message: 'the stock to be released' });
    expect(payments.confirmedFor(placed.id)).toEqual([]);
  });

  it('rejects an order delivery cannot ship before products answered, and releases the stock reserved after', async () => {
    products.answer = 'hold';
    delivery.answer = 'reject';
    const customer = new Caller(url);
    const placed = await customer.placeOrder([[mug, 1]]);
    await customer.awaitStatus(placed.id, 'REJECTED');
    await products.reserve(placed.id);
    await eventually(async () => products.cancelledFor(placed.id).length === 1, { message: 'the late reservation to be released' });
    expect(await customer.status(placed.id)).toBe('REJECTED');
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
    await customer.ensureAddress();
    await customer.addToCart(mug, 2);
    const results = await Promise.all(Array.from({ length: 10 }, () => customer.request(CHECKOUT, { input: { idempotencyKey: 'raced-checkout-0001' } })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((r) => r.data.checkout.id));
    expect(ids.size).toBe(1);
    const [orderId] = ids;
    expect(await ordersOf(customer.userId)).toBe(1);
    await customer.awaitStatus(orderId, 'CONFIRMED');
    expect(products.placedFor(orderId)).toHaveLength(1);
    const outbox = await sql(`SELECT topic FROM outbox WHERE payload->>'orderId' = $1 ORDER BY seq`, [orderId]);
    // Every status transition is announced too (messaging tells the customer).
    expect(outbox).toEqual([{ topic: 'orders.order.placed' }, { topic: 'orders.order.statusChanged' }, { topic: 'orders.order.statusChanged' }, { topic: 'orders.order.confirmed' }]);
  });

  it.each([
    ['a short idempotency key', { idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ['a long idempotency key', { idempotencyKey: 'k'.repeat(101) }, 'input.idempotencyKey'],
    ['installments with a card', { idempotencyKey: 'installments-card-1', installments: 3 }, 'input.installments'],
    ['4 installments', { idempotencyKey: 'installments-four-1', paymentMethod: 'CREDIT_LINE', installments: 4 }, 'input.installments'],
    ['a credit line without installments', { idempotencyKey: 'installments-none-1', paymentMethod: 'CREDIT_LINE' }, 'input.installments'],
    ['a card without a token', { idempotencyKey: 'card-no-token-01', paymentMethod: 'CARD' }, 'input.cardToken'],
    ['a card with a blank token', { idempotencyKey: 'card-blank-token', paymentMethod: 'CARD', cardToken: '  ' }, 'input.cardToken'],
    ['a malformed address id', { idempotencyKey: 'bad-address-0001', addressId: 'home' }, 'input.addressId'],
  ])('refuses %s, creating no order and keeping the cart', async (_, input, field) => {
    const customer = new Caller(url);
    await customer.ensureAddress();
    await customer.addToCart(kettle, 1);
    const res = await customer.request(CHECKOUT, { input });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await ordersOf(customer.userId)).toBe(0);
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(1);
  });

  it('refuses to check out an empty cart', async () => {
    const customer = new Caller(url);
    await customer.ensureAddress();
    const res = await customer.request(CHECKOUT, { input: { idempotencyKey: 'empty-cart-0001' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cart' });
    expect(await ordersOf(customer.userId)).toBe(0);
  });

  it("refuses a checkout without an address, with an unknown address or with someone else's, after a bounded wait", async () => {
    const homeless = new Caller(url);
    await homeless.addToCart(kettle, 1);
    const other = await users.addAddress(randomUUID());
    for (const [key, addressId] of [
      ['no-address-0001', undefined],
      ['unknown-address-1', randomUUID()],
    ] as const) {
      const res = await homeless.request(CHECKOUT, { input: { idempotencyKey: key, addressId } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addressId' });
    }
    const customer = new Caller(url);
    await customer.ensureAddress();
    await customer.addToCart(kettle, 1);
    const started = Date.now();
    const res = await customer.request(CHECKOUT, { input: { idempotencyKey: 'someone-elses-01', addressId: other.addressId } });
    // The same answer as for an id that does not exist, after the same wait: nothing says whose it is.
    expect(res.errors?.[0]).toMatchObject({ message: 'Unknown address: add it to your account first', extensions: { code: 'BAD_USER_INPUT', field: 'input.addressId' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const caller of [homeless, customer]) {
      expect(await ordersOf(caller.userId)).toBe(0);
      expect((await caller.data('{ cart { itemCount } }')).cart.itemCount).toBe(1);
    }
  });

  it('waits for an address users has just announced, and ships to the one named over the default', async () => {
    const customer = new Caller(url);
    await customer.ensureAddress();
    await customer.addToCart(mug, 1);
    const office = { addressId: randomUUID(), userId: customer.userId, line1: '5 Office Park', city: 'Shelbyville', postalCode: '54321', country: 'US', isDefault: false };
    // Announced without waiting for the read model: checkout polls it briefly.
    await messaging.bus.publish(products.event('users.address.upserted', office));
    const placed = await customer.checkout('named-address-01', { addressId: office.addressId });
    const { order } = await customer.data(ORDER_DETAILS, { id: placed.id });
    expect(order.shippingAddress).toEqual({ line1: '5 Office Park', city: 'Shelbyville', postalCode: '54321', country: 'US' });
  });

  it('accepts a credit line in 6 installments when the approved line covers subtotal and tax, and stores no card token', async () => {
    const customer = new Caller(url);
    // Kettle 12.50 + 8% = 13.50.
    await payments.creditLine(orders, customer.userId, 'APPROVED', 1350);
    await customer.addToCart(kettle, 1);
    const placed = await customer.checkout('credit-line-0001', { paymentMethod: 'CREDIT_LINE', installments: 6, cardToken: 'tok_visa' });
    const { order } = await customer.data('query($id: ID!) { order(id: $id) { paymentMethod installments } }', { id: placed.id });
    expect(order).toEqual({ paymentMethod: 'CREDIT_LINE', installments: 6 });
    const rows = await sql(`SELECT * FROM customer_order WHERE id = $1`, [placed.id]);
    expect(JSON.stringify(rows)).not.toContain('tok_visa');
    await customer.awaitStatus(placed.id, 'CONFIRMED');
    await eventually(async () => payments.confirmedFor(placed.id).length === 1);
    expect(payments.confirmedFor(placed.id)[0].payload.payment).toEqual({ method: 'CREDIT_LINE', installments: 6 });
  });

  it.each([
    ['no credit line', null, 0],
    ['a declined credit line', 'DECLINED', 100_000],
    ['a suspended credit line', 'SUSPENDED', 100_000],
    ['an approved line short of subtotal and tax', 'APPROVED', 1349],
  ] as const)('refuses a credit-line checkout with %s, before anything is written', async (_, status, available) => {
    const customer = new Caller(url);
    await customer.ensureAddress();
    if (status) await payments.creditLine(orders, customer.userId, status, available);
    await customer.addToCart(kettle, 1);
    const res = await customer.request(CHECKOUT, { input: { idempotencyKey: `credit-refused-${randomUUID()}`, paymentMethod: 'CREDIT_LINE', installments: 3 } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paymentMethod' });
    expect(await ordersOf(customer.userId)).toBe(0);
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(1);
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
