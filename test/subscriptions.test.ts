import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/**
 * Federated subscriptions through the router: the subscription runs on orders, and the fields of
 * users and products in each event are filled in through the query plan.
 */
describe('subscriptions through the router', () => {
  let sg: TestSupergraph;
  let customer: Client;
  let orderId: string;
  const clients: WsClient[] = [];

  const wsUrl = () => sg.url.replace(/^http/, 'ws');
  function connect(connectionParams: Record<string, string | undefined> = {}) {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
    clients.push(client);
    return client;
  }
  /** Collects a subscription's events and its end, for assertions. */
  function collect(client: WsClient, query: string, variables: Record<string, unknown>) {
    const events: any[] = [];
    let error: unknown;
    let completed = false;
    const dispose = client.subscribe({ query, variables }, { next: (e) => void events.push(e), error: (e) => void (error = e), complete: () => void (completed = true) });
    return {
      events,
      dispose,
      get error() {
        return error;
      },
      get completed() {
        return completed;
      },
    };
  }

  const ORDER_EVENTS = `subscription($id: ID!) { orderStatusChanged(orderId: $id) {
    status statusHistory { to at } customer { name email } items { quantity product { name price { amount } } } } }`;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    const admin = await login(sg.url, 'admin@example.com');
    const productId = await createProduct(sg, admin, { stock: 5, price: 2000, name: 'Subscribed kettle' });
    customer = await registerCustomer(sg.url, 'subscriber');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    orderId = (await customer.data('mutation { checkout(input: { idempotencyKey: "subscribed-order-1" }) { id } }')).checkout.id;
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id: orderId })).order.status === 'CONFIRMED');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  it('streams an order with fields from users and products, and every status change after it', async () => {
    const sub = collect(connect({ authorization: `Bearer ${customer.token}` }), ORDER_EVENTS, { id: orderId });
    await eventually(async () => sub.events.length >= 1, { message: 'the current state' });
    expect(sub.events[0].errors).toBeUndefined();
    expect(sub.events[0].data.orderStatusChanged).toMatchObject({
      status: 'CONFIRMED',
      customer: { name: 'subscriber', email: expect.stringContaining('@example.com') },
      items: [{ quantity: 1, product: { name: expect.stringContaining('Subscribed kettle'), price: { amount: 2000 } } }],
    });
    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    await eventually(async () => sub.events.length >= 2, { message: 'the CANCELLED event' });
    expect(sub.events[1].data.orderStatusChanged.status).toBe('CANCELLED');
    expect(sub.events[1].data.orderStatusChanged.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'CONFIRMED', 'CANCELLED']);
    sub.dispose();
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0, { message: 'the upstream subscription to end' });
  });

  it("refuses another customer's order: an error, no events", async () => {
    const mallory = await registerCustomer(sg.url, 'mallory');
    const sub = collect(connect({ authorization: `Bearer ${mallory.token}` }), ORDER_EVENTS, { id: orderId });
    await eventually(async () => sub.events.length > 0 || sub.error !== undefined || sub.completed, { message: 'an answer' });
    const errors = (sub.error as { message: string; extensions?: { code?: string } }[] | undefined) ?? sub.events[0]?.errors;
    expect(JSON.stringify(errors)).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(sub.events.filter((e) => e.data?.orderStatusChanged)).toEqual([]);
  });

  it('refuses a connection without a valid token (close code 4403)', async () => {
    for (const params of [{}, { authorization: 'Bearer not-a-token' }]) {
      const sub = collect(connect(params), ORDER_EVENTS, { id: orderId });
      await eventually(async () => sub.error !== undefined, { message: 'the socket to close' });
      expect((sub.error as { code?: number }).code).toBe(4403);
    }
  });

  it('shares one upstream subscription between identical subscriptions', async () => {
    const client = connect({ authorization: `Bearer ${customer.token}` });
    const a = collect(client, ORDER_EVENTS, { id: orderId });
    const b = collect(connect({ authorization: `Bearer ${customer.token}` }), ORDER_EVENTS, { id: orderId });
    await eventually(async () => a.events.length >= 1 && b.events.length >= 1, { message: 'both first events' });
    expect(sg.supergraph.router.subscriptionStats()).toEqual({ clients: 2, upstream: 1, shared: 1 });
    a.dispose();
    b.dispose();
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0, { message: 'the shared upstream to end' });
  });
});
