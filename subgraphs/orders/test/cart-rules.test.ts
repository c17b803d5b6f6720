import { randomUUID } from 'node:crypto';
import { signViewerHeaders, VIEWER_HEADER } from '@supergraph/auth';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { ADD_TO_CART, Caller, FakeDelivery, FakeProducts, FakeUsers, startOrders } from './helpers';

/** The cart: what it accepts, what it refuses (changing nothing), and who may touch it. */
describe('the cart', () => {
  let orders: RunningSubgraph;
  let messaging: Messaging;
  let products: FakeProducts;
  let delivery: FakeDelivery;
  let url: string;
  let kettle: string;
  let mug: string;

  const CART = `#graphql
    query Cart { cart { itemCount items { quantity product { id } } } }`;
  const UPDATE = `#graphql
    mutation Update($productId: ID!, $quantity: Int!) { updateCartItem(productId: $productId, quantity: $quantity) { itemCount items { quantity product { id } } } }`;
  const REMOVE = `#graphql
    mutation Remove($productId: ID!) { removeFromCart(productId: $productId) { itemCount items { quantity product { id } } } }`;

  beforeAll(async () => {
    messaging = await testMessaging('orders-cart');
    ({ orders, url } = await startOrders({ messaging, databaseUrl: await testDatabaseUrl('orders_cart') }));
    products = await FakeProducts.start(messaging);
    delivery = await FakeDelivery.start(messaging);
    FakeUsers.install(messaging, orders);
    [kettle, mug] = await products.announce(orders, [
      { name: 'Kettle', amount: 2500 },
      { name: 'Mug', amount: 800 },
    ]);
  });
  afterAll(async () => {
    await products?.stop();
    await delivery?.stop();
    await orders?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('adds to an existing line, sets a line, and removes it with quantity 0 or removeFromCart', async () => {
    const customer = new Caller(url);
    expect((await customer.data(CART)).cart).toEqual({ itemCount: 0, items: [] });
    await customer.addToCart(kettle, 2);
    const added = await customer.data(ADD_TO_CART, { productId: kettle, quantity: 3 });
    expect(added.addToCart).toEqual({ itemCount: 5, items: [{ quantity: 5, product: { id: kettle } }] });
    await customer.addToCart(mug, 1);
    expect((await customer.data(UPDATE, { productId: kettle, quantity: 7 })).updateCartItem.itemCount).toBe(8);
    expect((await customer.data(UPDATE, { productId: kettle, quantity: 0 })).updateCartItem).toEqual({ itemCount: 1, items: [{ quantity: 1, product: { id: mug } }] });
    expect((await customer.data(REMOVE, { productId: mug })).removeFromCart).toEqual({ itemCount: 0, items: [] });
  });

  it.each([
    ['quantity 0 on add', ADD_TO_CART, 0, 'quantity'],
    ['a negative quantity on add', ADD_TO_CART, -2, 'quantity'],
    ['more than 100 on add', ADD_TO_CART, 101, 'quantity'],
    ['a negative quantity on update', UPDATE, -1, 'quantity'],
    ['more than 100 on update', UPDATE, 101, 'quantity'],
  ])('refuses %s with BAD_USER_INPUT and leaves the cart as it was', async (_, mutation, quantity, field) => {
    const customer = new Caller(url);
    await customer.addToCart(kettle, 2);
    const before = (await customer.data(CART)).cart;
    const res = await customer.request(mutation, { productId: kettle, quantity });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await customer.data(CART)).cart).toEqual(before);
  });

  it('refuses a line that would pass 100 units, keeping the line as it was', async () => {
    const customer = new Caller(url);
    await customer.addToCart(kettle, 60);
    const res = await customer.request(ADD_TO_CART, { productId: kettle, quantity: 41 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect((await customer.data(CART)).cart.items).toEqual([{ quantity: 60, product: { id: kettle } }]);
    await customer.addToCart(kettle, 40);
    expect((await customer.data(CART)).cart.itemCount).toBe(100);
  });

  it('refuses a malformed product id (BAD_USER_INPUT) and an unknown product (NOT_FOUND), both on productId', async () => {
    const customer = new Caller(url);
    for (const mutation of [ADD_TO_CART, UPDATE]) {
      const malformed = await customer.request(mutation, { productId: 'not-a-product', quantity: 1 });
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    }
    const removeMalformed = await customer.request(REMOVE, { productId: "1' OR 1=1 --" });
    expect(removeMalformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    const unknown = await customer.request(ADD_TO_CART, { productId: randomUUID(), quantity: 1 });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    const notInCart = await customer.request(UPDATE, { productId: kettle, quantity: 2 });
    expect(notInCart.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    expect((await customer.data(CART)).cart).toEqual({ itemCount: 0, items: [] });
  });

  it('refuses a 51st product line', async () => {
    const many = await products.announce(
      orders,
      Array.from({ length: 51 }, (_, i) => ({ name: `Spoon ${i}`, amount: 100 })),
    );
    const customer = new Caller(url);
    for (const id of many.slice(0, 50)) await customer.addToCart(id, 1);
    const res = await customer.request(ADD_TO_CART, { productId: many[50], quantity: 1 });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const { cart } = await customer.data(CART);
    expect(cart.items).toHaveLength(50);
    // Adding to a line already there is still fine.
    expect((await customer.data(ADD_TO_CART, { productId: many[0], quantity: 1 })).addToCart.itemCount).toBe(51);
  });

  it('keeps each customer to their own cart', async () => {
    const alice = new Caller(url);
    const bob = new Caller(url);
    await alice.addToCart(kettle, 1);
    await bob.addToCart(mug, 4);
    expect((await alice.data(CART)).cart.items).toEqual([{ quantity: 1, product: { id: kettle } }]);
    expect((await bob.data(CART)).cart.items).toEqual([{ quantity: 4, product: { id: mug } }]);
  });

  it('serves concurrent adds of one product without losing units', async () => {
    const customer = new Caller(url);
    await Promise.all(Array.from({ length: 10 }, () => customer.addToCart(mug, 2)));
    expect((await customer.data(CART)).cart.items).toEqual([{ quantity: 20, product: { id: mug } }]);
  });

  it('refuses anonymous callers, and identities the router did not sign, with UNAUTHENTICATED', async () => {
    const anonymous = await graphql(url, CART);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const victim = new Caller(url);
    await victim.addToCart(kettle, 3);
    const forged = signViewerHeaders({ kind: 'user', userId: victim.userId, roles: ['ADMIN'] }, 'a-secret-the-attacker-guessed-000000000');
    const unsigned = { [VIEWER_HEADER]: victim.headers[VIEWER_HEADER] };
    for (const headers of [forged, unsigned]) {
      const read = await graphql(url, CART, {}, headers);
      expect(read.status).toBe(401);
      expect(read.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(read.data ?? null).toBeNull();
      const write = await graphql(url, ADD_TO_CART, { productId: kettle, quantity: 1 }, headers);
      expect(write.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await victim.data(CART)).cart.itemCount).toBe(3);
  });
});
