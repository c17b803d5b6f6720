import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, statementsPerSubgraph, type TestSupergraph } from './helpers/supergraph';

/**
 * An order's whole life through the router, across five subgraphs: checkout with a card, stock
 * and shipping settled (CONFIRMED), charged (PAID), a courier assigned, picked up (SHIPPED), three
 * locations streamed live to the customer over graphql-ws, DELIVERED. Then one query shows order,
 * payment, delivery and courier, at a cost in SQL statements that does not grow with the orders.
 */
describe("an order's whole life through the router", () => {
  let sg: TestSupergraph;
  let admin: Client;
  let customer: Client;
  let couriers: Client[];
  let productId: string;
  const sockets: WsClient[] = [];

  const status = async (id: string) => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status as string;

  async function buy(key: string, cardToken = 'tok_visa') {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation($k: String!, $t: String!) { checkout(input: { idempotencyKey: $k, paymentMethod: CARD, cardToken: $t }) { id status } }', {
      k: key,
      t: cardToken,
    });
    return checkout.id as string;
  }

  /** The courier the delivery went to, logged in. */
  async function assignedCourier(orderId: string): Promise<{ courier: Client; deliveryId: string }> {
    const delivery = await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { delivery { id status courier { id } } } }', { id: orderId })).order.delivery, {
      timeoutMs: 30_000,
      message: 'a delivery with a courier',
    });
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { delivery { status } } }', { id: orderId })).order.delivery.status === 'ASSIGNED', {
      message: 'ASSIGNED',
    });
    const courierId = (await customer.data('query($id: ID!) { order(id: $id) { delivery { courier { id } } } }', { id: orderId })).order.delivery.courier.id;
    const courier = couriers.find((c) => c.userId === courierId);
    if (!courier) throw new Error(`delivery ${delivery.id} went to ${courierId}, not a demo courier`);
    return { courier, deliveryId: delivery.id };
  }

  beforeAll(async () => {
    sg = await startTestSupergraph();
    admin = await login(sg.url, 'admin@example.com');
    couriers = await Promise.all(['courier@example.com', 'courier2@example.com', 'courier3@example.com'].map((email) => login(sg.url, email)));
    productId = await createProduct(sg, admin, { stock: 50, price: 1250, name: 'Whole-life kettle' });
    customer = await registerCustomer(sg.url, 'whole-life');
    await customer.data('mutation { addAddress(input: { line1: "1 Main St", city: "Schenectady", postalCode: "12345", country: "US", isDefault: true }) { id } }');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  it('goes from checkout to DELIVERED, with each location streamed live to the customer', async () => {
    const orderId = await buy('whole-life-1');
    await eventually(async () => (await status(orderId)) === 'PAID', { timeoutMs: 30_000, message: 'PAID' });
    const { order } = await customer.data(
      `query($id: ID!) { order(id: $id) { subtotal { amount } tax { amount } shippingCost { amount } total { amount currency }
        payment { status method amount { amount currency } } statusHistory { to } } }`,
      { id: orderId },
    );
    expect(order.shippingCost.amount).toBeGreaterThan(0);
    expect(order.total.amount).toBe(order.subtotal.amount + order.tax.amount + order.shippingCost.amount);
    expect(order.payment).toEqual({ status: 'CAPTURED', method: 'CARD', amount: order.total });
    expect(order.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'CONFIRMED', 'PAID']);

    const { courier, deliveryId } = await assignedCourier(orderId);
    const ws = createClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${customer.token}` }, retryAttempts: 0 });
    sockets.push(ws);
    const events: any[] = [];
    ws.subscribe(
      { query: 'subscription($id: ID!) { deliveryTracking(orderId: $id) { status eta courier { name } trackingPoints { lat lng } } }', variables: { id: orderId } },
      { next: (e) => void events.push(e), error: (e) => void events.push({ errors: e }), complete: () => undefined },
    );
    await eventually(async () => events.length >= 1, { message: 'the current state of the delivery' });
    expect(events[0].errors).toBeUndefined();
    expect(events[0].data.deliveryTracking).toMatchObject({ status: 'ASSIGNED', courier: { name: expect.any(String) } });

    const move = (s: string) => courier.data('mutation($id: ID!, $s: DeliveryStatus!) { updateDeliveryStatus(id: $id, status: $s) { status } }', { id: deliveryId, s });
    await move('PICKED_UP');
    await eventually(async () => (await status(orderId)) === 'SHIPPED', { message: 'SHIPPED' });
    await move('IN_TRANSIT');
    const points = [
      [42.8, -73.95],
      [42.81, -73.94],
      [42.812, -73.93],
    ];
    for (const [lat, lng] of points) {
      await courier.data('mutation($id: ID!, $lat: Float!, $lng: Float!) { reportCourierLocation(deliveryId: $id, lat: $lat, lng: $lng) { id } }', { id: deliveryId, lat, lng });
    }
    await eventually(async () => events.some((e) => e.data?.deliveryTracking.trackingPoints.length === 3), { message: 'three locations streamed' });
    const located = events.filter((e) => e.data?.deliveryTracking.trackingPoints.length > 0).map((e) => e.data.deliveryTracking);
    expect(located.map((d) => d.trackingPoints.length)).toEqual([1, 2, 3]);
    expect(located[2].trackingPoints).toEqual(points.map(([lat, lng]) => ({ lat, lng })));
    for (const d of located) expect(d.courier.name).toEqual(events[0].data.deliveryTracking.courier.name);

    await move('DELIVERED');
    await eventually(async () => (await status(orderId)) === 'DELIVERED', { message: 'DELIVERED' });
    await eventually(async () => events.some((e) => e.data?.deliveryTracking.status === 'DELIVERED'), { message: 'DELIVERED streamed' });
    const history = (await customer.data('query($id: ID!) { order(id: $id) { statusHistory { to } } }', { id: orderId })).order.statusHistory;
    expect(history.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED', 'DELIVERED']);
  });

  it('shows orders with payment, delivery and courier in one query, at a cost that does not grow with the orders', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await buy(`whole-life-many-${i}`);
      await eventually(async () => (await status(id)) === 'PAID', { timeoutMs: 30_000, message: `order ${i} PAID` });
      await assignedCourier(id);
    }
    const QUERY = `query($n: Int!) { me { orders(first: $n) { edges { node {
      status total { amount } customer { name } items { product { name } }
      payment { status amount { amount } } delivery { status eta courier { name } } } } } } }`;
    const statementsFor = (n: number) =>
      statementsPerSubgraph(sg, async () => {
        const data = await customer.data(QUERY, { n });
        expect(data.me.orders.edges).toHaveLength(n);
        for (const { node } of data.me.orders.edges) {
          expect(node.payment.status).toBe('CAPTURED');
          expect(node.delivery.courier.name).toEqual(expect.any(String));
        }
      });
    const two = await statementsFor(2);
    const six = await statementsFor(6);
    console.log('SQL statements per subgraph, order + payment + delivery + courier', { two, six });
    expect(six).toEqual(two);
    expect(Object.keys(six)).toEqual(expect.arrayContaining(['orders', 'payments', 'delivery', 'users', 'products']));
  });

  it('buys in 6 instalments on a credit line, exact to the minor unit, pays them back, and refuses a purchase beyond the balance', async () => {
    const buyer = await registerCustomer(sg.url, 'on-credit');
    const { applyForCredit } = await buyer.data('mutation { applyForCredit(input: { requestedLimit: 50000, monthlyIncome: 500000 }) { status limit { amount } available { amount } } }');
    expect(applyForCredit).toEqual({ status: 'APPROVED', limit: { amount: 50000 }, available: { amount: 50000 } });

    await buyer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { itemCount } }', { p: productId });
    // Orders learns of the line through payments' event: until then checkout refuses CREDIT_LINE, changing nothing.
    const { checkout } = await eventually(
      async () => {
        const res = await buyer.request('mutation { checkout(input: { idempotencyKey: "on-credit-1", paymentMethod: CREDIT_LINE, installments: 6 }) { id } }');
        return res.errors ? undefined : (res.data as { checkout: { id: string } });
      },
      { message: 'checkout on the credit line' },
    );
    await eventually(async () => (await buyer.data('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id })).order.status === 'PAID', {
      timeoutMs: 30_000,
      message: 'PAID on credit',
    });
    const { order } = await buyer.data(
      `query($id: ID!) { order(id: $id) { total { amount } payment { method status amount { amount }
        installmentPlan { count monthlyRateBasisPoints principal { amount } total { amount } installments { id number amount { amount } principal { amount } interest { amount } status } } } } }`,
      { id: checkout.id },
    );
    const plan = order.payment.installmentPlan;
    expect(order.payment).toMatchObject({ method: 'CREDIT_LINE', status: 'CAPTURED', amount: order.total });
    expect(plan).toMatchObject({ count: 6, principal: order.total });
    type Line = { id: string; number: number; amount: { amount: number }; principal: { amount: number }; interest: { amount: number }; status: string };
    const lines: Line[] = plan.installments;
    const sum = (pick: (l: Line) => number) => lines.reduce((total, l) => total + pick(l), 0);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sum((l) => l.principal.amount)).toBe(order.total.amount);
    expect(sum((l) => l.amount.amount)).toBe(plan.total.amount);
    for (const l of lines) expect(l.amount.amount).toBe(l.principal.amount + l.interest.amount);
    // Equal instalments; the last absorbs the rounding remainder (docs/payments.md).
    for (const l of lines.slice(0, 5)) expect(l.amount.amount).toBe(lines[0].amount.amount);
    expect(Math.abs(lines[5].amount.amount - lines[0].amount.amount)).toBeLessThan(6);
    const available = async () => (await buyer.data('{ me { creditLine { available { amount } } } }')).me.creditLine.available.amount as number;
    expect(await available()).toBe(50000 - order.total.amount);

    for (const l of lines) {
      const { payInstallment } = await buyer.data('mutation($id: ID!) { payInstallment(installmentId: $id) { number status } }', { id: l.id });
      expect(payInstallment).toEqual({ number: l.number, status: 'PAID' });
    }
    expect(await available()).toBe(50000);

    // 40 more kettles (50,000 + tax) are beyond the line: refused before anything is charged, nothing written.
    await buyer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 40) { itemCount } }', { p: productId });
    const ordersBefore = (await buyer.data('{ me { orders(first: 50) { totalCount } } }')).me.orders.totalCount;
    const refused = await buyer.request('mutation { checkout(input: { idempotencyKey: "on-credit-2", paymentMethod: CREDIT_LINE, installments: 3 }) { id } }');
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paymentMethod' });
    expect((await buyer.data('{ me { orders(first: 50) { totalCount } } }')).me.orders.totalCount).toBe(ordersBefore);
    expect((await buyer.data('{ cart { itemCount } }')).cart.itemCount).toBe(40);
    expect(await available()).toBe(50000);
  });

  it('ends PAYMENT_FAILED with the stock back for a declined card', async () => {
    const stock = async () => (await admin.data('query($id: ID!) { product(id: $id) { stock } }', { id: productId })).product.stock as number;
    const before = await stock();
    const orderId = await buy('whole-life-declined', 'tok_chargeDeclined');
    await eventually(async () => (await status(orderId)) === 'PAYMENT_FAILED', { timeoutMs: 30_000, message: 'PAYMENT_FAILED' });
    await eventually(async () => (await stock()) === before, { message: 'stock back' });
    const { order } = await customer.data('query($id: ID!) { order(id: $id) { payment { status } delivery { id } } }', { id: orderId });
    expect(order).toEqual({ payment: { status: 'FAILED' }, delivery: null });
  });

  it('ends PAID with exactly one capture for a card that fails transiently twice', async () => {
    const orderId = await buy('whole-life-transient', 'tok_transient');
    await eventually(async () => (await status(orderId)) === 'PAID', { timeoutMs: 30_000, message: 'PAID' });
    const [{ n }] = await sg.supergraph.subgraphs.payments.database.dataSource.query("SELECT count(*)::int AS n FROM payment WHERE order_id = $1 AND status = 'CAPTURED'", [orderId]);
    expect(n).toBe(1);
  });
});
