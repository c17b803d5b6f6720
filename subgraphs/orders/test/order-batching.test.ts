import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, FakeDelivery, FakeProducts, FakeUsers, startOrders } from './helpers';

/** Lists of orders with their items and history cost a constant number of SQL statements (no N+1). */
describe('batched order reads', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let customer: Caller;
  let admin: Caller;
  const orderIds: string[] = [];

  const ORDER_FIELDS = 'id status total { amount } items { quantity unitPrice { amount } lineTotal { amount } product { id } } statusHistory { from to at }';
  const BY_REFERENCE = `#graphql
    query Orders($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { ${ORDER_FIELDS} } } }`;
  const USER_ORDERS = `#graphql
    query UserOrders($reps: [_Any!]!, $first: Int!) { _entities(representations: $reps) { ... on User { orders(first: $first) { totalCount edges { node { ${ORDER_FIELDS} } } } } } }`;

  /** Runs the query and returns its data and how many SQL statements it cost. */
  async function measure(caller: Caller, query: string, variables: Record<string, unknown>) {
    const before = orders.database.queryCount;
    const data = await caller.data(query, variables);
    return { data, queries: orders.database.queryCount - before };
  }

  beforeAll(async () => {
    messaging = await testMessaging('orders-batching');
    let url: string;
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_batching') }));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
    FakeUsers.install(messaging, orders);
    const [kettle, mug] = await products.announce(orders, [
      { name: 'Kettle', amount: 1250 },
      { name: 'Mug', amount: 999 },
    ]);
    customer = new Caller(url);
    admin = new Caller(url, randomUUID(), ['ADMIN']);
    for (let i = 0; i < 50; i++) {
      orderIds.push(
        (
          await customer.placeOrder([
            [kettle, 1 + (i % 3)],
            [mug, 1],
          ])
        ).id,
      );
    }
    // Every order confirmed (two history rows, prices set) and no event left in flight while we count.
    for (const id of orderIds) await customer.awaitStatus(id, 'CONFIRMED');
  });
  afterAll(async () => {
    await products?.stop();
    await delivery?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('resolves 50 order references with items and history in as many queries as 5', async () => {
    const reps = (n: number) => orderIds.slice(0, n).map((id) => ({ __typename: 'Order', id }));
    const five = await measure(admin, BY_REFERENCE, { reps: reps(5) });
    const fifty = await measure(admin, BY_REFERENCE, { reps: reps(50) });
    expect(fifty.data._entities).toHaveLength(50);
    expect(fifty.data._entities.every((o: any) => o.status === 'CONFIRMED' && o.items.length === 2 && o.statusHistory.length === 2)).toBe(true);
    expect(fifty.queries).toBe(five.queries);
    expect(fifty.queries).toBeLessThanOrEqual(3); // orders, items, history
  });

  it("lists 50 of a customer's orders with items and history in as many queries as 5", async () => {
    const reps = [{ __typename: 'User', id: customer.userId }];
    const five = await measure(customer, USER_ORDERS, { reps, first: 5 });
    const fifty = await measure(customer, USER_ORDERS, { reps, first: 50 });
    const page = fifty.data._entities[0].orders;
    expect(page.totalCount).toBe(50);
    expect(page.edges).toHaveLength(50);
    expect(page.edges.every((e: any) => e.node.items.length === 2 && e.node.statusHistory.length === 2)).toBe(true);
    expect(fifty.queries).toBe(five.queries);
    expect(fifty.queries).toBeLessThanOrEqual(4); // page, count, items, history
  });
});
