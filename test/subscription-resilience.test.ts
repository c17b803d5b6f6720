import { EventEmitter, on } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startRouter, type RunningRouter } from '@supergraph/router/src/server';
import { runSubgraph, startSubgraphService, type RunningService } from '@supergraph/service-kit';
import { subgraph as ordersSubgraph } from '@supergraph/orders';
import { SUPERGRAPH_FILE } from '@supergraph/embedded';
import { cleanupTestResources, eventually, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

const LIMITS = { maxDepth: 15, maxAliases: 30, maxCost: 50_000, maxTokens: 5000 };
const ORDER_EVENTS = 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } items { product { name } } } }';

interface Collected {
  events: any[];
  error: unknown;
  completed: boolean;
  dispose(): void;
}

function collect(client: WsClient, query: string, variables: Record<string, unknown> = {}): Collected {
  const state: Collected = { events: [], error: undefined, completed: false, dispose: () => {} };
  state.dispose = client.subscribe(
    { query, variables },
    {
      next: (e) => void state.events.push(e),
      error: (e) => void (state.error = e),
      complete: () => void (state.completed = true),
    },
  );
  return state;
}

/**
 * What a subscriber sees when the subgraph serving its subscription goes away: it resumes when
 * the subgraph comes back on the same address, and ends with SUBGRAPH_UNAVAILABLE when it does
 * not come back within the router's bound.
 */
describe('a subscription whose subgraph restarts', () => {
  let sg: TestSupergraph;
  let dataDir: string;
  let customer: Client;
  let productId: string;
  const routers: RunningRouter[] = [];
  const clients: WsClient[] = [];

  /** A router of this test's own over the test supergraph's subgraphs. */
  async function router(subscriptionUpstreamRetryMs: number) {
    const running = await startRouter({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      subgraphUrls: Object.fromEntries(Object.entries(sg.supergraph.subgraphs).map(([name, s]) => [name, `${s.url}/graphql`])),
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: LIMITS,
      subscriptionUpstreamRetryMs,
      logger: testLogger,
    });
    routers.push(running);
    return running;
  }
  function connect(to: RunningRouter, token: string) {
    const client = createClient({ url: `${to.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    return client;
  }
  async function confirmedOrder(key: string) {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const id: string = (await customer.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: key })).checkout.id;
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status === 'CONFIRMED', { message: 'CONFIRMED' });
    return id;
  }
  /** Stops the orders subgraph (as SIGTERM does: its sockets close with 1001). */
  async function stopOrders() {
    const orders = sg.supergraph.subgraphs.orders;
    await orders.close();
    // Closed once is enough: the supergraph's own close must not close it again.
    sg.supergraph.subgraphs.orders = { ...orders, close: async () => {} };
  }
  /** Starts orders again on the port it had, on the same database and messaging. */
  async function restartOrders(port: number) {
    sg.supergraph.subgraphs.orders = await runSubgraph(ordersSubgraph, {
      databaseUrl: sg.databaseUrls.orders,
      dataDir: join(dataDir, 'orders'),
      messaging: sg.messaging,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      logger: testLogger,
      port,
      host: '127.0.0.1',
      instanceId: 'orders-embedded',
      relayPollIntervalMs: 50,
    });
  }

  beforeAll(async () => {
    // PGlite keeps its data on disk here when PostgreSQL is absent, so that orders restarts on it.
    dataDir = await mkdtemp(join(tmpdir(), 'resilience-'));
    sg = await startTestSupergraph({ dataDir });
    const admin = await login(sg.url, 'admin@example.com');
    productId = await createProduct(sg, admin, { stock: 10, name: 'Restart-proof teapot' });
    customer = await registerCustomer(sg.url, 'resilient');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(routers.map((r) => r.close()));
    await sg?.close();
    await cleanupTestResources();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes when the subgraph comes back: the current state again, then the next change', async () => {
    const resuming = await router(30_000);
    const orderId = await confirmedOrder('resume-order-1');
    const sub = collect(connect(resuming, customer.token!), ORDER_EVENTS, { id: orderId });
    await eventually(async () => sub.events.length >= 1, { message: 'the current state' });
    expect(sub.events[0].data.orderStatusChanged).toEqual({ status: 'CONFIRMED', customer: { name: 'resilient' }, items: [{ product: { name: expect.stringContaining('Restart-proof teapot') } }] });

    const { port } = sg.supergraph.subgraphs.orders;
    await stopOrders();
    await restartOrders(port);
    await eventually(async () => sub.events.length >= 2, { timeoutMs: 20_000, message: 'the current state after the restart' });
    expect(sub.events[1].data.orderStatusChanged.status).toBe('CONFIRMED');

    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    await eventually(async () => sub.events.length >= 3, { message: 'the CANCELLED event' });
    expect(sub.events[2]).toEqual({
      data: { orderStatusChanged: { status: 'CANCELLED', customer: { name: 'resilient' }, items: [{ product: { name: expect.stringContaining('Restart-proof teapot') } }] } },
    });
    expect(sub.error).toBeUndefined();
    expect(sub.completed).toBe(false);
    sub.dispose();
    await eventually(async () => resuming.subscriptionStats().upstream === 0, { message: 'the upstream subscription to end' });
  });

  it('ends with SUBGRAPH_UNAVAILABLE when the subgraph stays away past the bound', async () => {
    const boundMs = 1500;
    const impatient = await router(boundMs);
    const orderId = await confirmedOrder('gone-order-1');
    const sub = collect(connect(impatient, customer.token!), ORDER_EVENTS, { id: orderId });
    await eventually(async () => sub.events.length >= 1, { message: 'the current state' });

    const stoppedAt = Date.now();
    await stopOrders();
    await eventually(async () => sub.completed, { message: 'the subscription to end' });
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(boundMs - 100);
    expect(sub.events.at(-1)).toEqual({ errors: [expect.objectContaining({ message: 'The subgraph serving this subscription is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] });
    expect(impatient.subscriptionStats()).toEqual({ clients: 0, upstream: 0, shared: 0 });

    // A subscription opened while the subgraph is away waits the same bound, then ends the same way.
    const late = collect(connect(impatient, customer.token!), ORDER_EVENTS, { id: orderId });
    await eventually(async () => late.completed, { message: 'the late subscription to end' });
    expect(late.events).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] }]);
  });
});

/**
 * A client that stops reading must not hold up the others: the router awaits each socket write
 * (graphql-ws sends one message at a time per subscription), so what a stalled client has not
 * taken waits in its own bounded queue (the oldest events are dropped), not in the router's
 * socket buffers, and the shared upstream keeps flowing to everyone else.
 *
 * A subgraph of this test's own streams as many large events as the test asks for.
 */
describe('a slow subscriber', () => {
  const ticks = new EventEmitter();
  let ticker: RunningService;
  let router: RunningRouter;
  const clients: WsClient[] = [];
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    const typeDefs = parse(`#graphql
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { ready: Boolean! }
      type Tick { n: Int! payload: String! }
      type Subscription { ticks: Tick! }
    `);
    const resolvers = {
      Query: { ready: () => true },
      Subscription: {
        ticks: {
          // Events arrive as the emitter's argument lists; return() stops listening at once.
          subscribe: () => on(ticks, 'tick'),
          resolve: ([tick]: [unknown]) => tick,
        },
      },
    };
    ticker = await startSubgraphService({
      name: 'ticker',
      schema: buildSubgraphSchema({ typeDefs, resolvers }),
      identitySecret: TEST_IDENTITY_SECRET,
      logger: testLogger,
      createContext: () => ({}),
      subscriptions: true,
    });
    const composed = composeServices([{ name: 'ticker', typeDefs, url: `${ticker.url}/graphql` }]);
    if (composed.errors) throw composed.errors[0];
    router = await startRouter({
      supergraphSdl: composed.supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: LIMITS,
      subscriptionsAllowAnonymous: true,
      logger: testLogger,
    });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.terminate());
    await Promise.all(clients.map((c) => c.dispose()));
    await router?.close();
    await ticker?.close();
    ticks.removeAllListeners();
  });

  /** A bare graphql-ws subscriber whose socket the test can stop reading. */
  async function rawSubscriber(query: string) {
    const socket = new WebSocket(`${router.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    sockets.push(socket);
    const received: number[] = [];
    let acked = false;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'connection_ack') acked = true;
      if (message.type === 'next') received.push(message.payload.data.ticks.n);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await eventually(async () => acked, { message: 'connection_ack' });
    socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query } }));
    return { socket, received };
  }

  it('keeps every other subscriber up to date while one stops reading, and loses only what it fell too far behind on', async () => {
    const QUERY = 'subscription { ticks { n payload } }';
    const fast = collect(createClient({ url: `${router.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }), QUERY);
    const slow = await rawSubscriber(QUERY);
    // Both are subscribed (sharing one upstream) once both have the first tick.
    await eventually(
      async () => {
        if (router.subscriptionStats().clients === 2) ticks.emit('tick', { n: 0, payload: '' });
        return fast.events.length > 0 && slow.received.length > 0;
      },
      { message: 'both subscribers to get the first tick' },
    );
    expect(router.subscriptionStats()).toEqual({ clients: 2, upstream: 1, shared: 1 });

    // The slow client stops reading. 300 events of 100 kB (30 MB) are far more than the kernel's
    // socket buffers and the router's queue of 100 events hold.
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const COUNT = 300;
    const payload = 'x'.repeat(100_000);
    const started = Date.now();
    for (let n = 1; n <= COUNT; n++) ticks.emit('tick', { n, payload });
    await eventually(async () => fast.events.at(-1)?.data.ticks.n === COUNT, { timeoutMs: 30_000, message: 'the fast subscriber to get every event' });
    const fastMs = Date.now() - started;
    const fastNs = fast.events.map((e) => e.data.ticks.n).filter((n) => n > 0);
    expect(fastNs).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(fastMs).toBeLessThan(20_000);

    // Reading again, the slow client catches up to the latest event, having lost some in between.
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await eventually(async () => slow.received.at(-1) === COUNT, { timeoutMs: 30_000, message: 'the slow subscriber to reach the latest event' });
    const slowNs = slow.received.filter((n) => n > 0);
    // What it lost lies between what the kernel's socket buffers had taken and the newest 100
    // (hub.ts CLIENT_QUEUE_LIMIT): had the router buffered writes instead, every event would arrive.
    expect(slowNs.length).toBeLessThan(COUNT);
    expect(slowNs.slice(-100)).toEqual(Array.from({ length: 100 }, (_, i) => COUNT - 99 + i));
    expect(slowNs).toEqual([...slowNs].sort((a, b) => a - b));
    expect(new Set(slowNs).size).toBe(slowNs.length);
  });
});
