import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeDelivery, FakeProducts, FakeUsers, ORDER_DETAILS, startOrders } from './helpers';

/** Who may read, list and cancel an order, and which cancellations the state machine allows. */
describe('order access and cancellation', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let url: string;
  let kettle: string;

  const CANCEL = `#graphql
    mutation Cancel($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { id status statusHistory { from to reason } } }`;
  const USER_ORDERS = `#graphql
    query UserOrders($reps: [_Any!]!, $first: Int, $after: String, $status: OrderStatus) {
      _entities(representations: $reps) { ... on User { orders(first: $first, after: $after, status: $status) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } } } } }
    }`;
  const ORDER_REFERENCE = `#graphql
    query OrderReference($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id status customer { id } } } }`;

  const userOrders = (caller: Caller, userId: string, variables: Record<string, unknown> = {}) => caller.request(USER_ORDERS, { reps: [{ __typename: 'User', id: userId }], ...variables });

  beforeAll(async () => {
    messaging = await testMessaging('orders-access');
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_access') }));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
    FakeUsers.install(messaging, orders);
    [kettle] = await products.announce(orders, [{ name: 'Kettle', amount: 1250 }]);
  });
  beforeEach(() => {
    products.answer = 'reserve';
  });
  afterAll(async () => {
    await products?.stop();
    await delivery?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it("answers another customer's order with NOT_FOUND and no data, and lets admins and operators read it", async () => {
    const alice = new Caller(url);
    const mallory = new Caller(url);
    const { id } = await alice.placeOrder([[kettle, 1]]);
    for (const orderId of [id, randomUUID(), 'not-an-id']) {
      const res = await mallory.request(ORDER_DETAILS, { id: orderId });
      expect(res.data).toEqual({ order: null });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    }
    expect(JSON.stringify(await mallory.request(ORDER_DETAILS, { id }))).not.toContain(alice.userId);
    for (const roles of [['ADMIN'], ['OPERATOR']] as const) {
      const staff = new Caller(url, randomUUID(), [...roles]);
      expect((await staff.data(ORDER_DETAILS, { id })).order.customer).toEqual({ id: alice.userId });
    }
    expect((await graphql(url, ORDER_DETAILS, { id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("resolves a reference to someone else's order to null, and the caller's own to the order", async () => {
    const alice = new Caller(url);
    const mallory = new Caller(url);
    const { id } = await alice.placeOrder([[kettle, 1]]);
    const reps = [{ __typename: 'Order', id }];
    expect((await alice.data(ORDER_REFERENCE, { reps }))._entities).toEqual([{ id, status: expect.any(String), customer: { id: alice.userId } }]);
    const stranger = await mallory.request(ORDER_REFERENCE, { reps: [...reps, { __typename: 'Order', id: 'nonsense' }] });
    expect(stranger).toMatchObject({ data: { _entities: [null, null] } });
    expect(stranger.errors).toBeUndefined();
  });

  it("lists a customer's orders newest first, by pages, for the customer and admins; FORBIDDEN for anyone else", async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push((await customer.placeOrder([[kettle, 1]])).id);
    await customer.data(CANCEL, { id: placed[1] });
    const newestFirst = [...placed].reverse();

    const first = (
      await customer.data(
        'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { orders(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } } }',
        { reps: [{ __typename: 'User', id: customer.userId }] },
      )
    )._entities[0].orders;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await userOrders(customer, customer.userId, { first: 2, after })).data._entities[0].orders;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(newestFirst);

    const cancelled = (await userOrders(customer, customer.userId, { status: 'CANCELLED' })).data._entities[0].orders;
    expect(cancelled).toMatchObject({ totalCount: 1, edges: [{ node: { id: placed[1], status: 'CANCELLED' } }] });
    const admin = new Caller(url, randomUUID(), ['ADMIN']);
    expect((await userOrders(admin, customer.userId)).data._entities[0].orders.totalCount).toBe(5);

    for (const other of [new Caller(url), new Caller(url, randomUUID(), ['OPERATOR'])]) {
      const res = await userOrders(other, customer.userId);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data)).not.toContain(placed[0]);
    }
    for (const bad of [{ first: 0 }, { first: 101 }, { after: 'bm9wZQ' }]) {
      expect((await userOrders(customer, customer.userId, bad)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('cancels a PENDING order with the reason in its history, and tells products', async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 2]]);
    const { cancelOrder } = await customer.data(CANCEL, { id, reason: 'Found it cheaper' });
    expect(cancelOrder).toEqual({
      id,
      status: 'CANCELLED',
      statusHistory: [
        { from: null, to: 'PENDING', reason: null },
        { from: 'PENDING', to: 'CANCELLED', reason: 'Found it cheaper' },
      ],
    });
    await eventually(async () => products.cancelledFor(id).length === 1, { message: 'orders.order.cancelled' });
    expect(products.cancelledFor(id)[0].payload).toEqual({ orderId: id, customerId: customer.userId });
  });

  it('refuses to cancel an order twice, or a rejected one, with CONFLICT and the current status', async () => {
    const customer = new Caller(url);
    const confirmed = await customer.placeOrder([[kettle, 1]]);
    await customer.awaitStatus(confirmed.id, 'CONFIRMED');
    await customer.data(CANCEL, { id: confirmed.id });
    const again = await customer.request(CANCEL, { id: confirmed.id });
    expect(again.data).toBeNull();
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });

    products.answer = 'reject';
    const rejected = await customer.placeOrder([[kettle, 1]]);
    await customer.awaitStatus(rejected.id, 'REJECTED');
    const res = await customer.request(CANCEL, { id: rejected.id });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'REJECTED' });
    expect(await customer.status(rejected.id)).toBe('REJECTED');
  });

  it("refuses another customer's cancellation (NOT_FOUND) and an operator's (FORBIDDEN); an admin may cancel", async () => {
    products.answer = 'hold';
    const alice = new Caller(url);
    const { id } = await alice.placeOrder([[kettle, 1]]);
    expect((await new Caller(url).request(CANCEL, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await new Caller(url, randomUUID(), ['OPERATOR']).request(CANCEL, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await new Caller(url).request(CANCEL, { id: 'not-an-id' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await alice.status(id)).toBe('PENDING');
    const admin = new Caller(url, randomUUID(), ['ADMIN']);
    expect((await admin.data(CANCEL, { id })).cancelOrder.statusHistory.at(-1)).toEqual({ from: 'PENDING', to: 'CANCELLED', reason: 'Cancelled by an admin' });
  });

  it('keeps an order cancelled while products was reserving, and asks again for its stock back', async () => {
    products.answer = 'hold';
    const customer = new Caller(url);
    const { id } = await customer.placeOrder([[kettle, 3]]);
    await eventually(async () => products.placedFor(id).length === 1);
    await customer.data(CANCEL, { id });
    await eventually(async () => products.cancelledFor(id).length === 1);
    await products.reserve(id); // the answer crossed the cancellation
    await eventually(async () => products.cancelledFor(id).length === 2, { message: 'a second orders.order.cancelled' });
    const { order } = await customer.data(ORDER_DETAILS, { id });
    expect(order.status).toBe('CANCELLED');
    expect(order.total).toBeNull();
    expect(order.statusHistory.map((h: { to: string }) => h.to)).toEqual(['PENDING', 'CANCELLED']);
  });
});
