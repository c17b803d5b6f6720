import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'graphql';
import { SignJWT } from 'jose';
import { startFlakyServer } from './helpers/flaky-server';
import { TSC, TSX_LOADER } from './helpers/installed-sdk';
import { readUntil, rejection as rejectionOf, useSdkFixture } from './helpers/sdk-fixture';
import { describeBackups } from './scenarios/backups';
import { describeTelemetry } from './scenarios/telemetry';

/**
 * The SDK as a partner uses it: packed (`npm pack`), installed from the tarball into a scratch
 * project outside the repository, and driven against the embedded supergraph (`npm start`'s entry)
 * over HTTP, graphql-ws and SSE. One file for these behaviours, because packing and starting the
 * supergraph are what take time; each `describe` is one behaviour (those of a domain added later
 * live in `scenarios/` and share this file's supergraph).
 */
const JWT_SECRET = 'sdk-test-jwt-secret-0123456789abcdef-0123456789';

const fixture = useSdkFixture({ JWT_SECRET });
const { client, signIn } = fixture;
const rejection = (promise: Promise<unknown>) => rejectionOf(fixture, promise);

/** An HTTP server that refuses every WebSocket upgrade, as a proxy that blocks WebSockets does. */
async function startWebSocketBlocker() {
  let upgrades = 0;
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (_req, socket) => {
    upgrades++;
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    wsUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    upgrades: () => upgrades,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the catalogue', () => {
  it('answers typed queries with filters, sorting and pagination', async () => {
    const sdk = client();
    const first = await sdk.products({ filter: { inStock: true }, sort: { field: 'PRICE', direction: 'ASC' }, first: 3 });
    const prices = first.products.edges.map(({ node }) => node.price.amount);
    expect(prices).toHaveLength(3);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    expect(first.products.pageInfo.hasNextPage).toBe(true);

    const next = await sdk.products({ filter: { inStock: true }, sort: { field: 'PRICE', direction: 'ASC' }, first: 3, after: first.products.pageInfo.endCursor });
    expect(next.products.edges[0].node.price.amount).toBeGreaterThanOrEqual(prices[2]);
    expect(next.products.edges.map(({ node }) => node.id)).not.toContain(first.products.edges[0].node.id);

    const { product } = await sdk.product({ id: first.products.edges[0].node.id });
    expect(product).toEqual(first.products.edges[0].node);
    const { categories } = await sdk.categories();
    expect(categories.map(({ id }) => id)).toContain(product?.category.id);
  });

  it('gives partner code types that refuse a wrong field or variable, from the installed declarations', async () => {
    writeFileSync(
      join(fixture.installed.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, types: [] }, files: ['partner.ts'] }),
    );
    const partner = (extra: string) => `import { createClient } from '@supergraph/sdk';
export async function browse() {
  const sdk = createClient({ url: 'http://127.0.0.1:4000/graphql' });
  const { products } = await sdk.products({ filter: { search: 'coffee' }, sort: { field: 'PRICE', direction: 'ASC' }, first: 5 });
  const amount: number = products.edges[0].node.price.amount;
  // @ts-expect-error no such field
  products.edges[0].node.sku;
  // @ts-expect-error no such variable
  await sdk.products({ limit: 5 });
  // @ts-expect-error the id is required
  await sdk.order({});
  ${extra}
  return amount;
}
`;
    const check = () => fixture.installed.run(['-p', 'tsconfig.json'], { command: TSC });
    writeFileSync(join(fixture.installed.dir, 'partner.ts'), partner(''));
    expect(await check()).toBe('');
    // The same code with one unchecked mistake does not compile: the checks above are real.
    writeFileSync(join(fixture.installed.dir, 'partner.ts'), partner('const wrong: string = products.edges[0].node.price.amount;'));
    await expect(check()).rejects.toMatchObject({ stdout: expect.stringMatching(/partner\.ts.*Type 'number' is not assignable to type 'string'/) });
  });

  it('loads as an ES module too', async () => {
    const printed = await fixture.installed.run([
      '--input-type=module',
      '-e',
      "import { createClient, queries } from '@supergraph/sdk'; console.log(typeof createClient, Object.keys(queries).join(','))",
    ]);
    expect(printed.trim()).toBe('function products,product,categories,me,order,myOrders,telemetry,device,devices,backupPolicies,backupAgents,backupAlerts,backupReport,notifications');
  });
});

describe('an order from checkout to delivery', () => {
  let orderId: string;

  it('signs in, checks out and sees the order become PAID over graphql-ws, then SHIPPED', async () => {
    const session = await signIn('customer@example.com');
    const sdk = client({ token: session.accessToken, subscriptionTransport: 'websocket' });
    const { products } = await sdk.products({ filter: { inStock: true }, first: 1 });
    await sdk.addToCart({ productId: products.edges[0].node.id, quantity: 1 });
    const { checkout } = await sdk.checkout({ input: { idempotencyKey: `sdk-journey-${Date.now()}`, paymentMethod: 'CARD', cardToken: 'tok_visa' } });
    expect(checkout.status).toBe('PENDING');
    orderId = checkout.id;

    const live = sdk.orderStatusChanged({ orderId });
    const untilPaid = await readUntil(live, ({ orderStatusChanged }) => orderStatusChanged.status === 'PAID');
    expect(untilPaid.at(-1)?.orderStatusChanged).toMatchObject({ id: orderId, status: 'PAID', paymentMethod: 'CARD' });

    // The courier picks the parcel up: the same subscription sees the order ship.
    const { order } = await sdk.order({ id: orderId });
    expect(order?.payment).toMatchObject({ status: 'CAPTURED', method: 'CARD' });
    expect(order?.delivery?.status).toBe('ASSIGNED');
    await courierOf(order!.delivery!.courier!.id).request(parse('mutation ($id: ID!) { updateDeliveryStatus(id: $id, status: PICKED_UP) { status } }'), { id: order!.delivery!.id });
    const shipped = await live.next();
    expect(shipped.value?.orderStatusChanged.status).toBe('SHIPPED');
    live.unsubscribe();
  }, 120_000);

  it('tracks the delivery over SSE where WebSockets are blocked', async () => {
    const blocker = await startWebSocketBlocker();
    try {
      const session = await signIn('customer@example.com');
      const sdk = client({ token: session.accessToken, wsUrl: blocker.wsUrl });
      const tracking = sdk.deliveryTracking({ orderId });
      const current = await tracking.next();
      expect(current.value?.deliveryTracking.status).toBe('PICKED_UP');
      expect(blocker.upgrades()).toBeGreaterThanOrEqual(1);

      const { order } = await sdk.order({ id: orderId });
      await courierOf(order!.delivery!.courier!.id).request(parse('mutation ($id: ID!) { updateDeliveryStatus(id: $id, status: IN_TRANSIT) { status } }'), { id: order!.delivery!.id });
      const moved = await tracking.next();
      expect(moved.value?.deliveryTracking.status).toBe('IN_TRANSIT');
      tracking.unsubscribe();
      // Later subscriptions of this client go straight to SSE.
      const again = sdk.orderStatusChanged({ orderId });
      expect((await again.next()).value?.orderStatusChanged.status).toBe('SHIPPED');
      again.unsubscribe();
      expect(blocker.upgrades()).toBe(1);
    } finally {
      await blocker.close();
    }
  }, 120_000);

  const couriers = new Map<string, ReturnType<typeof client>>();
  /** A client signed in as the courier with this user id (deliveries go to the least busy demo courier). */
  function courierOf(userId: string) {
    const courier = couriers.get(userId);
    if (!courier) throw new Error(`no demo courier has the id ${userId}`);
    return courier;
  }
  beforeAll(async () => {
    for (const email of ['courier@example.com', 'courier2@example.com', 'courier3@example.com']) {
      const session = await signIn(email);
      couriers.set(session.user.id, client({ token: session.accessToken }));
    }
  });
});

describe('errors', () => {
  it('are SupergraphError values with the typed code of the API', async () => {
    const wrongPassword = await rejection(client().login({ input: { email: 'customer@example.com', password: 'not-the-password' } }));
    expect(wrongPassword.code).toBe('UNAUTHENTICATED');

    const session = await signIn('alice@example.com');
    const sdk = client({ token: session.accessToken });
    const badInput = await rejection(sdk.checkout({ input: { idempotencyKey: 'short' } }));
    expect({ code: badInput.code, field: badInput.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(fixture.installed.sdk.isSupergraphError(badInput, 'BAD_USER_INPUT')).toBe(true);

    const anonymous = await rejection(client().checkout({ input: { idempotencyKey: 'anonymous-checkout-1' } }));
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });

  it('end a subscription the API refuses, as a thrown SupergraphError', async () => {
    const customer = client({ token: (await signIn('customer@example.com')).accessToken });
    const { me } = await customer.myOrders({ first: 1 });
    const someoneElses = me!.orders.edges[0].node.id;
    const bob = client({ token: (await signIn('bob@example.com')).accessToken });
    const refused = await rejection(bob.orderStatusChanged({ orderId: someoneElses }).next());
    expect(refused.code).toBe('FORBIDDEN');
    const cancelShipped = await rejection(customer.cancelOrder({ id: someoneElses }));
    expect(cancelShipped.code).toBe('CONFLICT');
    expect(cancelShipped.extensions.status).toBe('SHIPPED');
  });
});

describe('token refresh', () => {
  /** An access token of `user` that expires `inSeconds` from now (negative: it already has), signed as the users subgraph signs them. */
  const tokenExpiring = (user: { id: string; roles: string[] }, inSeconds: number) =>
    new SignJWT({ roles: user.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer('supergraph/users')
      .setAudience('supergraph')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
      .setExpirationTime(Math.floor(Date.now() / 1000) + inSeconds)
      .sign(new TextEncoder().encode(JWT_SECRET));
  const expiredToken = (user: { id: string; roles: string[] }) => tokenExpiring(user, -60);

  it('calls the hook once on an expired token and retries the query with the new one', async () => {
    const session = await signIn('alice@example.com');
    const expired = await expiredToken(session.user);
    const hookCalls: string[] = [];
    const sdk = client({
      token: expired,
      onTokenExpired: async (error) => {
        hookCalls.push(`${error.code}:${String(error.extensions.reason)}`);
        const { refreshToken } = await client().refreshToken({ token: session.refreshToken });
        return refreshToken.accessToken;
      },
    });
    const { me } = await sdk.me();
    expect(me?.email).toBe('alice@example.com');
    expect(hookCalls).toEqual(['UNAUTHENTICATED:expired']);
    expect(sdk.token).not.toBe(expired);

    const withoutHook = await rejection(client({ token: expired }).me());
    expect({ code: withoutHook.code, reason: withoutHook.extensions.reason }).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
  });

  it('renews the token of a subscription refused for it, over graphql-ws and SSE', async () => {
    const session = await signIn('customer@example.com');
    const { me } = await client({ token: session.accessToken }).myOrders({ first: 1 });
    const orderId = me!.orders.edges[0].node.id;
    for (const subscriptionTransport of ['websocket', 'sse'] as const) {
      let calls = 0;
      const sdk = client({ token: await expiredToken(session.user), subscriptionTransport, onTokenExpired: () => (calls++, session.accessToken) });
      const live = sdk.orderStatusChanged({ orderId });
      expect((await live.next()).value?.orderStatusChanged.id).toBe(orderId);
      expect({ subscriptionTransport, calls }).toEqual({ subscriptionTransport, calls: 1 });
      live.unsubscribe();
    }
  });

  it('keeps a subscription going past the expiry of its token, with one refresh', async () => {
    const session = await signIn('customer@example.com');
    const { me } = await client({ token: session.accessToken }).myOrders({ first: 1 });
    const orderId = me!.orders.edges[0].node.id;
    for (const subscriptionTransport of ['websocket', 'sse'] as const) {
      let calls = 0;
      const sdk = client({ token: await tokenExpiring(session.user, 3), subscriptionTransport, onTokenExpired: () => (calls++, session.accessToken) });
      const live = sdk.orderStatusChanged({ orderId });
      expect((await live.next()).value?.orderStatusChanged.id).toBe(orderId);
      // The router ends the subscription when the token expires; the SDK renews it and subscribes
      // again, and the order is sent as it stands once more.
      expect((await live.next()).value?.orderStatusChanged.id).toBe(orderId);
      expect({ subscriptionTransport, calls, token: sdk.token }).toEqual({ subscriptionTransport, calls: 1, token: session.accessToken });
      live.unsubscribe();
    }
  }, 60_000);

  it('gives up when the hook has no new token', async () => {
    const session = await signIn('alice@example.com');
    const refused = await rejection(client({ token: await expiredToken(session.user), onTokenExpired: () => undefined }).me());
    expect(refused.code).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  /** A new API key of the demo user `email`, with `role`. */
  async function apiKeyOf(email: string, role: string) {
    const owner = client({ token: (await signIn(email)).accessToken });
    const created = await owner.request(parse('mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }'), { input: { name: `sdk-${role}`, role } });
    return (created as { createApiKey: { secret: string } }).createApiKey.secret;
  }

  it('authenticate queries and subscriptions as the key owner, and a wrong key is refused', async () => {
    const partner = client({ apiKey: await apiKeyOf('partner@example.com', 'PARTNER') });
    expect((await partner.me()).me).toMatchObject({ email: 'partner@example.com', roles: ['PARTNER'] });
    expect((await rejection(client({ apiKey: 'not-a-key' }).me())).code).toBe('UNAUTHENTICATED');

    const customerKey = await apiKeyOf('customer@example.com', 'CUSTOMER');
    const { me } = await client({ apiKey: customerKey }).myOrders({ first: 1 });
    const orderId = me!.orders.edges[0].node.id;
    for (const subscriptionTransport of ['websocket', 'sse'] as const) {
      const live = client({ apiKey: customerKey, subscriptionTransport }).orderStatusChanged({ orderId });
      expect({ subscriptionTransport, id: (await live.next()).value?.orderStatusChanged.id }).toEqual({ subscriptionTransport, id: orderId });
      live.unsubscribe();
    }
  });
});

describe('retries', () => {
  const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };
  const unavailable = { status: 503, body: 'upstream connect error' };

  it('sends a query again after 5xx and RATE_LIMITED answers, with backoff', async () => {
    const rateLimited = { status: 429, body: JSON.stringify({ errors: [{ message: 'Slow down', extensions: { code: 'RATE_LIMITED' } }] }) };
    for (const failure of [unavailable, rateLimited]) {
      const server = await startFlakyServer(2, failure, { categories: [{ id: 'c1', name: 'Coffee', slug: 'coffee' }] });
      try {
        const { categories } = await client({ url: server.url, retry: fast }).categories();
        expect(categories).toEqual([{ id: 'c1', name: 'Coffee', slug: 'coffee' }]);
        expect(server.received).toEqual(['Categories', 'Categories', 'Categories']);
      } finally {
        await server.close();
      }
    }
  });

  it('gives up on a query after the retries, and at once on an error that is not transient', async () => {
    const server = await startFlakyServer(10, unavailable, {});
    const refused = await startFlakyServer(10, { status: 400, body: JSON.stringify({ errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }] }) }, {});
    try {
      const exhausted = await rejection(client({ url: server.url, retry: { ...fast, retries: 2 } }).categories());
      expect({ code: exhausted.code, status: exhausted.status, requests: server.received.length }).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 503, requests: 3 });
      const badInput = await rejection(client({ url: refused.url, retry: fast }).order({ id: 'x' }));
      expect({ code: badInput.code, field: badInput.field, requests: refused.received.length }).toEqual({ code: 'BAD_USER_INPUT', field: 'id', requests: 1 });
    } finally {
      await Promise.all([server.close(), refused.close()]);
    }
  });

  it('never sends a mutation twice', async () => {
    const server = await startFlakyServer(1, unavailable, { cancelOrder: null });
    try {
      const failed = await rejection(client({ url: server.url, retry: fast }).cancelOrder({ id: 'order-1' }));
      expect({ code: failed.code, status: failed.status }).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 503 });
      expect(failed.retryable).toBe(true);
      expect(server.received).toEqual(['CancelOrder']);
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable API as NETWORK_ERROR once the query retries are spent', async () => {
    const server = await startFlakyServer(0, unavailable, {});
    const url = server.url;
    await server.close();
    const unreachable = await rejection(client({ url, retry: fast }).categories());
    expect(unreachable.code).toBe('NETWORK_ERROR');
  });
});

describe('the README example', () => {
  it('goes from nothing to a live subscription that sees the order paid', async () => {
    copyFileSync(join(__dirname, '../examples/live-order.ts'), join(fixture.installed.dir, 'live-order.ts'));
    const printed = await fixture.installed.run(['--import', pathToFileURL(TSX_LOADER).href, 'live-order.ts'], { env: { SUPERGRAPH_URL: fixture.supergraph.url } });
    expect(printed).toMatch(/^Buying .+\nOrder \S+ is PENDING\n(Order \S+ is \w+.*\n)*Order \S+ is PAID, total [\d.]+ \w+\n$/);
  }, 120_000);
});

describeTelemetry(fixture);
describeBackups(fixture);
