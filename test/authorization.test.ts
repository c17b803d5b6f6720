import { signViewerHeaders } from '@supergraph/auth';
import { cleanupTestResources, eventually, graphql, TEST_IDENTITY_SECRET } from '@supergraph/testkit';
import { Client, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

describe('authorization across the supergraph', () => {
  let sg: TestSupergraph;
  let alice: Client;
  let mallory: Client;
  let aliceOrderId: string;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    alice = await registerCustomer(sg.url, 'alice');
    mallory = await registerCustomer(sg.url, 'mallory');
    const { products } = await alice.data('{ products(filter: { inStock: true }, first: 1) { edges { node { id } } } }');
    await alice.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: products.edges[0].node.id });
    aliceOrderId = (await alice.data('mutation { checkout(input: { idempotencyKey: "alice-order-0001" }) { id } }')).checkout.id;
    await eventually(async () => (await alice.data('query($id: ID!) { order(id: $id) { status } }', { id: aliceOrderId })).order.status !== 'PENDING');
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  it("does not show a customer another customer's order", async () => {
    const res = await mallory.request('query($id: ID!) { order(id: $id) { id status total { amount } customer { email } } }', { id: aliceOrderId });
    expect(res.data?.order ?? null).toBeNull();
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(res.errors?.[0].extensions?.code);
    expect(JSON.stringify(res)).not.toContain(alice.userId!);
  });

  it("refuses a customer another customer's order list and cancellation", async () => {
    const list = await mallory.request('query($id: ID!) { user(id: $id) { orders { totalCount } } }', { id: alice.userId });
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cancel = await mallory.request('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: aliceOrderId });
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(cancel.errors?.[0].extensions?.code);
    const { order } = await alice.data('query($id: ID!) { order(id: $id) { status } }', { id: aliceOrderId });
    expect(order.status).not.toBe('CANCELLED');
  });

  it('lets an admin read any order', async () => {
    const admin = await login(sg.url, 'admin@example.com');
    const { order } = await admin.data('query($id: ID!) { order(id: $id) { id customer { id } } }', { id: aliceOrderId });
    expect(order).toEqual({ id: aliceOrderId, customer: { id: alice.userId } });
  });

  it('refuses admin-only mutations to customers and to anonymous callers, changing nothing', async () => {
    const { products } = await alice.data('{ products(first: 1) { edges { node { id stock } } } }');
    const { id, stock } = products.edges[0].node;
    const asCustomer = await alice.request('mutation($id: ID!) { adjustStock(productId: $id, delta: 100) { stock } }', { id });
    expect(asCustomer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await graphql(sg.url, 'mutation($id: ID!) { adjustStock(productId: $id, delta: 100) { stock } }', { id });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { product } = await alice.data('query($id: ID!) { product(id: $id) { stock } }', { id });
    expect(product.stock).toBe(stock);
  });

  it.each(['users', 'products', 'orders'])('the %s subgraph refuses an identity it cannot verify, sent straight to it', async (name) => {
    const subgraphUrl = `${sg.supergraph.subgraphs[name].url}/graphql`;
    const forged = signViewerHeaders({ kind: 'user', userId: alice.userId!, roles: ['ADMIN'] }, 'a-secret-the-attacker-guessed-000000000');
    const res = await graphql(subgraphUrl, '{ __typename }', {}, forged);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const stale = signViewerHeaders({ kind: 'user', userId: alice.userId!, roles: ['ADMIN'] }, TEST_IDENTITY_SECRET, Date.now() - 3_600_000);
    expect((await graphql(subgraphUrl, '{ __typename }', {}, stale)).status).toBe(401);
  });
});
