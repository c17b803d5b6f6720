import { cleanupTestResources, eventually, graphql } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/** A customer's whole path through the router: register, browse, cart, checkout, cancel. */
describe('checkout journey through the router', () => {
  let sg: TestSupergraph;
  let admin: Client;
  let customer: Client;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    admin = await login(sg.url, 'admin@example.com');
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const orderStatus = async (client: Client, id: string) => (await client.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status;
  const stockOf = async (id: string) => (await admin.data('query($id: ID!) { product(id: $id) { stock } }', { id })).product.stock as number;

  const newProduct = (stock: number, price = 1250) => createProduct(sg, admin, { stock, price, name: 'Journey kettle' });

  it('registers and logs in a new customer', async () => {
    customer = await registerCustomer(sg.url, 'journey');
    const me = await customer.data('{ me { id name roles } }');
    expect(me.me).toEqual({ id: customer.userId, name: 'journey', roles: ['CUSTOMER'] });
  });

  it('browses the seeded catalogue with filters, sorting and cursor pagination', async () => {
    const { categories } = await customer.data('{ categories { id name } }');
    expect(categories.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    let after: string | null = null;
    const prices: number[] = [];
    for (let page = 0; page < 50; page++) {
      const { products }: { products: any } = await customer.data(
        `query($after: String) { products(filter: { minPrice: 500, inStock: true }, sort: { field: PRICE, direction: ASC }, first: 7, after: $after) {
          edges { cursor node { id price { amount currency } stock } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const { node } of products.edges) {
        seen.push(node.id);
        prices.push(node.price.amount);
        expect(node.price.amount).toBeGreaterThanOrEqual(500);
        expect(node.stock).toBeGreaterThan(0);
      }
      if (!products.pageInfo.hasNextPage) break;
      after = products.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThan(7);
    expect(new Set(seen).size).toBe(seen.length);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const { products: all } = await customer.data('{ products(first: 100) { totalCount } }');
    expect(all.totalCount).toBeGreaterThanOrEqual(60);
  });

  let confirmedOrderId: string;
  let productId: string;

  it('checks out: the order is confirmed with totals from the authoritative prices and the stock goes down', async () => {
    productId = await newProduct(5, 1250);
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "journey-checkout-0001" }) { id status } }');
    expect(checkout.status).toBe('PENDING');
    await eventually(async () => (await orderStatus(customer, checkout.id)) === 'CONFIRMED', { message: 'CONFIRMED' });
    const { order } = await customer.data(
      `query($id: ID!) { order(id: $id) { status customer { id name } items { quantity unitPrice { amount } lineTotal { amount } product { id name } }
        subtotal { amount currency } tax { amount } shippingCost { amount } total { amount } statusHistory { from to } } }`,
      { id: checkout.id },
    );
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      customer: { id: customer.userId, name: 'journey' },
      items: [{ quantity: 2, unitPrice: { amount: 1250 }, lineTotal: { amount: 2500 }, product: { id: productId } }],
      subtotal: { amount: 2500, currency: 'USD' },
      tax: { amount: 200 },
      // Delivery's quote: 2 × 500 g to ZIP 12345 (zone LOCAL) is 2.99 + 1 started kg × 0.50.
      shippingCost: { amount: 349 },
      total: { amount: 2500 + 200 + 349 },
      statusHistory: [
        { from: null, to: 'PENDING' },
        { from: 'PENDING', to: 'CONFIRMED' },
      ],
    });
    expect(await stockOf(productId)).toBe(3);
    expect((await customer.data('{ cart { itemCount } }')).cart.itemCount).toBe(0);
    confirmedOrderId = checkout.id;
  });

  it('returns the same order for the same idempotency key, and takes no more stock', async () => {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "journey-checkout-0001" }) { id } }');
    expect(checkout.id).toBe(confirmedOrderId);
    expect(await stockOf(productId)).toBe(3);
    await customer.data('mutation($p: ID!) { removeFromCart(productId: $p) { itemCount } }', { p: productId });
  });

  it('rejects a checkout beyond the stock and changes no stock', async () => {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 4) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "journey-checkout-0002" }) { id } }');
    await eventually(async () => (await orderStatus(customer, checkout.id)) === 'REJECTED', { message: 'REJECTED' });
    expect(await stockOf(productId)).toBe(3);
    const { order } = await customer.data('query($id: ID!) { order(id: $id) { total { amount } statusHistory { to reason } } }', { id: checkout.id });
    expect(order.total).toBeNull();
    expect(order.statusHistory[1]).toMatchObject({ to: 'REJECTED', reason: expect.any(String) });
  });

  it('cancels a confirmed order and gives its stock back', async () => {
    const { cancelOrder } = await customer.data('mutation($id: ID!) { cancelOrder(id: $id, reason: "changed my mind") { status } }', { id: confirmedOrderId });
    expect(cancelOrder.status).toBe('CANCELLED');
    await eventually(async () => (await stockOf(productId)) === 5, { message: 'stock released' });
    const again = await customer.request('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: confirmedOrderId });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await stockOf(productId)).toBe(5);
  });

  it("lists the customer's orders on User.orders, newest first", async () => {
    const { me } = await customer.data('{ me { orders(first: 10) { totalCount edges { node { id status } } } } }');
    expect(me.orders.totalCount).toBe(2);
    expect(me.orders.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['REJECTED', 'CANCELLED']);
  });

  it('answers anonymous browsing but not an anonymous cart', async () => {
    const browse = await graphql(sg.url, '{ products(first: 1) { edges { node { name } } } }');
    expect(browse.data.products.edges).toHaveLength(1);
    const cart = await graphql(sg.url, '{ cart { itemCount } }');
    expect(cart.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
