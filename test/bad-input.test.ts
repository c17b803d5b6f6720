import { cleanupTestResources, graphql } from '@supergraph/testkit';
import { Client, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/** Bad input gets a clear error with its code and the offending field, and changes nothing. */
describe('bad input through the router', () => {
  let sg: TestSupergraph;
  let customer: Client;
  let productId: string;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    customer = await registerCustomer(sg.url, 'careless');
    const { products } = await customer.data('{ products(filter: { inStock: true }, first: 1) { edges { node { id } } } }');
    productId = products.edges[0].node.id;
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { itemCount } }', { p: productId });
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const cart = async () => (await customer.data('{ cart { items { quantity product { id } } } }')).cart.items;

  it.each([0, -3])('refuses quantity %i and leaves the cart as it was', async (quantity) => {
    const before = await cart();
    const res = await customer.request('mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount } }', { p: productId, q: quantity });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(await cart()).toEqual(before);
  });

  it.each([
    ['a product that does not exist', '00000000-0000-4000-8000-00000000dead'],
    ['a malformed product id', 'not-a-product'],
  ])('refuses %s and leaves the cart as it was', async (_, id) => {
    const before = await cart();
    const res = await customer.request('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: id });
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(res.errors?.[0].extensions?.code);
    expect(res.errors?.[0].extensions?.field).toBe('productId');
    expect(await cart()).toEqual(before);
  });

  it('refuses a malformed email and a weak password at registration', async () => {
    const bad = await graphql(sg.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: 'nope', password: 'long-enough-1', name: 'N' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const weak = await graphql(sg.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: 'weak@example.com', password: 'abc', name: 'N' } });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const login = await graphql(sg.url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email: 'weak@example.com', password: 'abc' } });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed or wrongly signed token without touching any subgraph', async () => {
    for (const authorization of ['Bearer not.a.jwt', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'Basic abc']) {
      const res = await graphql(sg.url, '{ cart { itemCount } }', {}, { authorization });
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a checkout with a bad idempotency key or an empty cart, creating no order', async () => {
    const short = await customer.request('mutation { checkout(input: { idempotencyKey: "x" }) { id } }');
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const empty = await registerCustomer(sg.url, 'empty-cart');
    const res = await empty.request('mutation { checkout(input: { idempotencyKey: "empty-cart-0001" }) { id } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cart' });
    expect((await empty.data('{ me { orders { totalCount } } }')).me.orders.totalCount).toBe(0);
  });

  it('masks an unknown field error as a validation error, never as an internal one', async () => {
    const res = await customer.request('{ cart { nonsense } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
