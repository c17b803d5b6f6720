import { randomUUID } from 'node:crypto';
import { CloseCode, createClient, type Client as WsClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { issueAccessToken } from '@supergraph/auth';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging, TEST_JWT_SECRET, viewerHeaders } from '@supergraph/testkit';
import { Caller, countingPubSub, FakeDelivery, FakeProducts, FakeUsers, startOrders } from './helpers';

/** `orderStatusChanged` over graphql-ws, as the router uses it (signed identity); user credentials are refused. */
describe('following an order live', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let pubsub: ReturnType<typeof countingPubSub>;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let url: string;
  let kettle: string;
  const clients: WsClient[] = [];

  const SUBSCRIPTION = `#graphql
    subscription Follow($orderId: ID!) { orderStatusChanged(orderId: $orderId) { id status total { amount } statusHistory { to } } }`;

  function connect(userId: string, roles: Parameters<typeof viewerHeaders>[1] = ['CUSTOMER']) {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: viewerHeaders(userId, roles), retryAttempts: 0, lazy: true });
    clients.push(client);
    return client;
  }

  /** Collects a subscription's events, error and end. */
  function follow(client: WsClient, orderId: string) {
    const state = { events: [] as FormattedExecutionResult<any, unknown>[], error: undefined as unknown, completed: false, dispose: () => {} };
    state.dispose = client.subscribe(
      { query: SUBSCRIPTION, variables: { orderId } },
      { next: (e) => void state.events.push(e), error: (e) => void (state.error = e), complete: () => void (state.completed = true) },
    );
    return state;
  }

  beforeAll(async () => {
    const base = await testMessaging('orders-live');
    pubsub = countingPubSub(base.pubsub);
    messaging = { ...base, pubsub };
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_live') }));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
    FakeUsers.install(messaging, orders);
    [kettle] = await products.announce(orders, [{ name: 'Kettle', amount: 1250 }]);
    products.answer = 'hold';
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await products?.stop();
    await delivery?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('sends the order as it stands, then CONFIRMED after products reserved it, then CANCELLED', async () => {
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 2]]);
    const sub = follow(connect(customer.userId), id);
    await eventually(async () => sub.events.length === 1, { message: 'the current state' });
    expect(sub.events[0]).toEqual({ data: { orderStatusChanged: { id, status: 'PENDING', total: null, statusHistory: [{ to: 'PENDING' }] } } });

    await eventually(async () => products.placedFor(id).length === 1);
    await products.reserve(id);
    await eventually(async () => sub.events.length === 2, { message: 'the CONFIRMED event' });
    expect(sub.events[1]).toEqual({
      data: { orderStatusChanged: { id, status: 'CONFIRMED', total: { amount: 2500 + 200 + 499 }, statusHistory: [{ to: 'PENDING' }, { to: 'CONFIRMED' }] } },
    });

    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id });
    await eventually(async () => sub.events.length === 3, { message: 'the CANCELLED event' });
    expect(sub.events[2].data.orderStatusChanged.status).toBe('CANCELLED');
    expect(sub.error).toBeUndefined();
    sub.dispose();
  });

  it('lets an admin follow any order', async () => {
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 1]]);
    const sub = follow(connect(randomUUID(), ['ADMIN']), id);
    await eventually(async () => sub.events.length === 1);
    expect(sub.events[0].data.orderStatusChanged).toMatchObject({ id, status: 'PENDING' });
    sub.dispose();
  });

  it("refuses another customer's order, and one that does not exist, with FORBIDDEN and no events", async () => {
    const alice = new Caller(url);
    const { id } = await alice.placeOrder([[kettle, 1]]);
    for (const orderId of [id, randomUUID()]) {
      const sub = follow(connect(randomUUID()), orderId);
      await eventually(async () => sub.error !== undefined, { message: 'the refusal' });
      expect((sub.error as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(sub.events).toEqual([]);
    }
    // Alice's order changes; the refused subscriber still hears nothing, and no listener was left behind.
    await eventually(async () => products.placedFor(id).length === 1);
    await products.reserve(id);
    await alice.awaitStatus(id, 'CONFIRMED');
    await eventually(async () => pubsub.open === 0, { message: 'no open pub/sub subscription' });
  });

  it("refuses a direct connection with a user's valid access token, or a forged identity (4403): clients subscribe through the router", async () => {
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 1]]);
    const token = await issueAccessToken({ id: customer.userId, roles: ['CUSTOMER'] }, { secret: TEST_JWT_SECRET, ttlSeconds: 60 });
    const forged = { ...viewerHeaders(customer.userId, ['CUSTOMER']) };
    for (const key of Object.keys(forged)) if (/signature/i.test(key)) forged[key] = 'x'.repeat(forged[key].length);
    for (const connectionParams of [{ authorization: `Bearer ${token}` }, forged]) {
      const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
      clients.push(client);
      const sub = follow(client, id);
      await eventually(async () => sub.error !== undefined, { message: 'the refusal' });
      expect(sub.error).toMatchObject({ code: CloseCode.Forbidden });
      expect(sub.events).toEqual([]);
    }
  });

  it('releases its pub/sub subscription as soon as the client leaves, while waiting for a change', async () => {
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 1]]);
    const client = connect(customer.userId);
    const subs = [follow(client, id), follow(client, id), follow(connect(customer.userId), id)];
    await eventually(async () => subs.every((s) => s.events.length === 1));
    expect(pubsub.open).toBe(3);
    subs.forEach((s) => s.dispose());
    await eventually(async () => pubsub.open === 0, { message: 'every pub/sub subscription to end' });
  });
});
