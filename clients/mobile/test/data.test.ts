// The app's data logic against the whole supergraph (PostgreSQL and Redis when they answer): cart
// totals against the prices orders fixes, order status presentation over the live subscription,
// and the phone's session (kept in device storage, brought up to date when the app resumes).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, graphql } from '@supergraph/testkit';
import { startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import { memoryStorage, type OrderStatus, type Session, type SessionStorage } from '@supergraph/client-core';
import { cartTotals } from '../src/logic/cart';
import { presentOrder } from '../src/logic/orderStatus';
import { createMobileSession, resumeSession } from '../src/session/mobileSession';

const PASSWORD = 'Demo-Password-1';
const CART = 'itemCount items { quantity product { id price { amount currency } } }';

let supergraph: TestSupergraph;
beforeAll(async () => {
  supergraph = await startTestSupergraph();
}, 120_000);
afterAll(() => supergraph?.close());

async function signedIn(email = 'customer@example.com') {
  const { data } = await graphql(supergraph.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password: PASSWORD } });
  const { accessToken } = data.login as { accessToken: string };
  return { headers: { authorization: `Bearer ${accessToken}` }, accessToken };
}

async function products(headers: Record<string, string>, count: number): Promise<string[]> {
  const { data } = await graphql(supergraph.url, 'query($first: Int!) { products(first: $first, filter: { inStock: true }) { edges { node { id } } } }', { first: count }, headers);
  return data.products.edges.map((edge: { node: { id: string } }) => edge.node.id);
}

async function fillCartAndCheckout(headers: Record<string, string>, cardToken: string, quantities: number[]) {
  const ids = await products(headers, quantities.length);
  let cart;
  for (const [index, quantity] of quantities.entries()) {
    ({
      data: { addToCart: cart },
    } = await graphql(supergraph.url, `mutation($id: ID!, $quantity: Int!) { addToCart(productId: $id, quantity: $quantity) { ${CART} } }`, { id: ids[index], quantity }, headers));
  }
  const key = `mobile-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const { data, errors } = await graphql(
    supergraph.url,
    'mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }',
    { input: { idempotencyKey: key, paymentMethod: 'CARD', cardToken } },
    headers,
  );
  expect(errors).toBeUndefined();
  return { cart, orderId: data.checkout.id as string };
}

describe('cart totals', () => {
  it('match the subtotal and tax orders fixes at checkout, and the order total adds only shipping', async () => {
    const { headers } = await signedIn('alice@example.com');
    const { cart, orderId } = await fillCartAndCheckout(headers, 'tok_visa', [3, 1, 2]);
    const totals = cartTotals(cart.items)!;
    expect(totals.itemCount).toBe(cart.itemCount);
    const order = await eventually(
      async () => {
        const { data } = await graphql(
          supergraph.url,
          'query($id: ID!) { order(id: $id) { status subtotal { amount currency } tax { amount currency } shippingCost { amount } total { amount } } }',
          { id: orderId },
          headers,
        );
        return data.order.total && data.order;
      },
      { timeoutMs: 30_000, message: 'the order to be priced' },
    );
    expect(order.subtotal).toEqual(totals.subtotal);
    expect(order.tax).toEqual(totals.tax);
    expect(order.total.amount).toBe(totals.totalBeforeShipping.amount + order.shippingCost.amount);
  });

  it('are null for an empty cart and refuse mixed currencies', () => {
    expect(cartTotals([])).toBeNull();
    const line = (currency: string) => ({ quantity: 1, product: { id: currency, price: { amount: 100, currency } } });
    expect(() => cartTotals([line('USD'), line('EUR')])).toThrow('the cart mixes currencies');
  });
});

describe('order status presentation, as the orderStatusChanged subscription delivers it', () => {
  let ws: Client;
  afterEach(() => ws?.dispose());

  /** Every status the subscription sends until one is final or `until` is seen. */
  async function follow(accessToken: string, orderId: string, until: (status: OrderStatus) => boolean): Promise<OrderStatus[]> {
    ws = createClient({ url: supergraph.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${accessToken}` } });
    const seen: OrderStatus[] = [];
    const events = ws.iterate<{ orderStatusChanged: { status: OrderStatus } }>({ query: 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status } }', variables: { id: orderId } });
    for await (const { data, errors } of events) {
      expect(errors).toBeUndefined();
      const status = data!.orderStatusChanged.status;
      if (seen.at(-1) !== status) seen.push(status);
      if (presentOrder(status).final || until(status)) break;
    }
    return seen;
  }

  it('moves forward only, and stops at PAID waiting for a courier, for a card that succeeds', async () => {
    const { headers, accessToken } = await signedIn();
    const { orderId } = await fillCartAndCheckout(headers, 'tok_visa', [1]);
    const seen = await follow(accessToken, orderId, (status) => status === 'PAID');
    expect(seen.at(-1)).toBe('PAID');
    const presented = seen.map((status) => presentOrder(status));
    expect(presented.map((p) => p.reached)).toEqual([...presented.map((p) => p.reached)].sort());
    expect(presented.at(-1)).toMatchObject({ headline: 'Paid, preparing your parcel', tone: 'moving', reached: 2, final: false });
    // Delivery refines PAID once a courier is assigned.
    expect(presentOrder('PAID', 'ASSIGNED')).toMatchObject({ headline: 'A courier will pick it up', reached: 2 });
  });

  it('ends as a problem the app stops following, for a declined card', async () => {
    const { headers, accessToken } = await signedIn('bob@example.com');
    const { orderId } = await fillCartAndCheckout(headers, 'tok_chargeDeclined', [1]);
    const seen = await follow(accessToken, orderId, () => false);
    expect(seen.at(-1)).toBe('PAYMENT_FAILED');
    expect(presentOrder('PAYMENT_FAILED')).toEqual({ headline: 'Payment declined', tone: 'problem', reached: 1, final: true });
  });
});

describe('the mobile session (core session in device storage, resumed from the background)', () => {
  const sessions: Session[] = [];
  afterAll(() => sessions.forEach((session) => session.dispose()));

  function mobileSession(storage: SessionStorage, options: { now?: () => number; httpUrl?: string } = {}) {
    const session = createMobileSession({ httpUrl: options.httpUrl ?? supergraph.url, storage, now: options.now });
    sessions.push(session);
    return session;
  }

  async function login(session: Session, email = 'customer@example.com', password = PASSWORD) {
    const { data, errors } = await graphql(supergraph.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresIn user { id name email roles } } }', {
      input: { email, password },
    });
    if (errors) throw Object.assign(new Error(errors[0].message), { code: errors[0].extensions?.code });
    await session.signIn(data.login);
  }

  const me = async (token: string | null) => (await graphql(supergraph.url, '{ me { email } }', {}, { authorization: `Bearer ${token}` })).data?.me?.email;

  it('survives a relaunch: the stored session is used as is while the access token is fresh', async () => {
    const storage = memoryStorage();
    const first = mobileSession(storage);
    await login(first);
    const relaunched = mobileSession(storage);
    const restored = await relaunched.restore();
    expect(restored?.accessToken).toBe(first.current()?.accessToken);
    expect(await me(await relaunched.accessToken())).toBe('customer@example.com');
  });

  it('on resume after the token expired in the background, refreshes once for every caller and stores the rotated pair', async () => {
    const storage = memoryStorage();
    let clock = Date.now();
    const session = mobileSession(storage, { now: () => clock });
    await login(session);
    const before = session.current()!;
    clock = before.expiresAt + 3 * 3_600_000; // three hours in the background
    const [resumed, request, another] = await Promise.all([resumeSession(session), session.accessToken(), session.accessToken()]);
    // (The access token may read the same when it is issued within the same second: the refresh token never does.)
    expect(session.current()!.refreshToken).not.toBe(before.refreshToken);
    expect(resumed).toBe(session.current()!.accessToken);
    expect(request).toBe(resumed);
    expect(another).toBe(resumed);
    const stored = JSON.parse((await storage.getItem('supergraph.session'))!);
    expect(stored.accessToken).toBe(resumed);
    expect(stored.refreshToken).not.toBe(before.refreshToken);
    // The rotated refresh token works: had the spent one been used twice, the family would be revoked.
    const later = mobileSession(memoryStorage(), { now: () => clock });
    await later.signIn({ accessToken: 'expired', refreshToken: stored.refreshToken, expiresIn: 0, user: stored.user });
    expect(await me(await later.accessToken())).toBe('customer@example.com');
  });

  it('signs out on resume when the refresh token was revoked meanwhile (logged out elsewhere), and forgets it', async () => {
    const storage = memoryStorage();
    let clock = Date.now();
    const session = mobileSession(storage, { now: () => clock });
    await login(session);
    const { refreshToken } = session.current()!;
    expect((await graphql(supergraph.url, 'mutation($t: String!) { logout(refreshToken: $t) }', { t: refreshToken })).data.logout).toBe(true);
    clock = session.current()!.expiresAt + 1;
    expect(await resumeSession(session)).toBeNull();
    expect(session.current()).toBeNull();
    expect(await storage.getItem('supergraph.session')).toBeNull();
  });

  it('keeps the session when the phone is offline at resume', async () => {
    const storage = memoryStorage();
    const online = mobileSession(storage);
    await login(online);
    const stored = await storage.getItem('supergraph.session');
    let clock = Date.now();
    const offline = mobileSession(storage, { httpUrl: 'http://127.0.0.1:9/graphql', now: () => clock });
    await offline.restore();
    clock = offline.current()!.expiresAt + 1;
    expect(await resumeSession(offline)).toBeNull();
    expect(offline.current()?.refreshToken).toBe(JSON.parse(stored!).refreshToken);
    expect(await storage.getItem('supergraph.session')).toBe(stored);
  });

  it('stores nothing for a wrong password', async () => {
    const storage = memoryStorage();
    await expect(login(mobileSession(storage), 'customer@example.com', 'wrong-password-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await storage.getItem('supergraph.session')).toBeNull();
  });
});
