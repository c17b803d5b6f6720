// The app's data logic against the whole supergraph (PostgreSQL and Redis when they answer): cart
// totals against the prices orders fixes, order status presentation over the live subscription,
// and the phone's session (stored tokens, refresh at launch and on resume, single-use refresh tokens).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, graphql } from '@supergraph/testkit';
import { startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import { cartTotals } from '../src/logic/cart';
import { presentOrder, type OrderStatus } from '../src/logic/orderStatus';
import { AuthError, httpAuthApi } from '../src/session/authApi';
import { MobileSession, REFRESH_MARGIN_MS } from '../src/session/session';
import { memoryTokenStore } from '../src/session/tokens';

const PASSWORD = 'Demo-Password-1';
const CART = 'itemCount items { quantity product { id price { amount currency } } }';

let supergraph: TestSupergraph;
beforeAll(async () => {
  supergraph = await startTestSupergraph();
}, 120_000);
afterAll(() => supergraph?.close());

async function signedIn(email = 'customer@example.com') {
  const session = new MobileSession(httpAuthApi(supergraph.url), memoryTokenStore());
  const tokens = await session.login(email, PASSWORD);
  return { session, headers: { authorization: `Bearer ${tokens.accessToken}` }, accessToken: tokens.accessToken };
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

describe('the mobile session', () => {
  it('is kept in the token store and used as is at launch while the access token is fresh', async () => {
    const store = memoryTokenStore();
    const first = await new MobileSession(httpAuthApi(supergraph.url), store).login('customer@example.com', PASSWORD);
    expect(store.tokens).toEqual(first);
    const relaunched = await new MobileSession(httpAuthApi(supergraph.url), store).restore();
    expect(relaunched).toEqual(first);
    const { data } = await graphql(supergraph.url, '{ me { email } }', {}, { authorization: `Bearer ${relaunched!.accessToken}` });
    expect(data.me.email).toBe('customer@example.com');
  });

  it('refreshes once for concurrent callers when the app resumes near expiry, and the new token works', async () => {
    const store = memoryTokenStore();
    let clock = Date.now();
    const api = httpAuthApi(supergraph.url, () => clock);
    let refreshes = 0;
    const session = new MobileSession({ ...api, refresh: (token) => (refreshes++, api.refresh(token)) }, store, () => clock);
    const first = await session.login('customer@example.com', PASSWORD);
    clock = first.expiresAt - REFRESH_MARGIN_MS + 1; // hours in the background, say
    const [a, b, c] = await Promise.all([session.resumed(), session.accessTokens(), session.accessTokens()]);
    expect(a!.refreshToken).not.toBe(first.refreshToken);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(refreshes).toBe(1);
    expect(store.tokens).toEqual(a);
    // Had the spent refresh token been used twice, the family would be revoked and this would fail.
    const again = await new MobileSession(httpAuthApi(supergraph.url), memoryTokenStore({ ...a!, expiresAt: 0 })).restore();
    expect(again?.user.email).toBe('customer@example.com');
  });

  it('signs out when the stored refresh token was revoked, and forgets it', async () => {
    const store = memoryTokenStore();
    const session = new MobileSession(httpAuthApi(supergraph.url), store);
    const tokens = await session.login('customer@example.com', PASSWORD);
    await session.logout();
    expect(store.tokens).toBeNull();
    const stale = memoryTokenStore({ ...tokens, expiresAt: 0 });
    const restored = new MobileSession(httpAuthApi(supergraph.url), stale);
    await expect(restored.restore()).resolves.toBeNull();
    expect(stale.tokens).toBeNull();
    expect(restored.current).toBeNull();
  });

  it('keeps the stored session when the router cannot be reached (a phone offline)', async () => {
    const { session } = await signedIn();
    const stored = { ...session.current!, expiresAt: 0 };
    const store = memoryTokenStore(stored);
    const offline = new MobileSession(httpAuthApi('http://127.0.0.1:9/graphql'), store);
    await expect(offline.restore()).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(offline.restore()).rejects.toBeInstanceOf(AuthError);
    expect(store.tokens).toEqual(stored);
  });

  it('reports a wrong password with the GraphQL error code and stores nothing', async () => {
    const store = memoryTokenStore();
    await expect(new MobileSession(httpAuthApi(supergraph.url), store).login('customer@example.com', 'wrong-password-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(store.tokens).toBeNull();
  });
});
