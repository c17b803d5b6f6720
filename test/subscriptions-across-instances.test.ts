import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { cleanupTestResources, eventually, graphql, postgresAvailable, redisAvailable, testDatabaseUrl, uniqueName } from '@supergraph/testkit';
import { routerProcessEnv, subgraphManifest, subgraphProcessEnv } from './helpers/compose';
import { spawnService, stopAllServices, type ServiceProcess } from './helpers/processes';
import { Client, registerCustomer } from './helpers/supergraph';

/**
 * Rule 4 of docs/architecture.md across processes: two orders instances (one database, one Redis prefix) and
 * two routers, router A in front of orders 1 and router B in front of orders 2. A change made
 * through A reaches a subscriber on B through Redis pub/sub between the orders instances. Started
 * with the environment docker-compose.yml gives each service, as test/processes.test.ts does;
 * skipped without real PostgreSQL and Redis (CI always has both).
 */
describe('subscriptions across router and subgraph instances', () => {
  const prefix = `${uniqueName('xinst')}:`;
  const databaseUrls: Record<string, string> = {};
  const processes: Record<string, ServiceProcess> = {};
  const clients: WsClient[] = [];
  let enabled = false;
  let productId: string;

  const ORDER_EVENTS = 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } items { product { name } } } }';

  const subgraphEnv = (name: string, extra: Record<string, string> = {}) => subgraphProcessEnv(name, { databaseUrl: databaseUrls[name], redisPrefix: prefix }, extra);

  /** A router process with compose's router environment, its orders URL pointing at `orders`. */
  function startRouter(orders: ServiceProcess) {
    return spawnService('router', 'router', routerProcessEnv(Object.fromEntries(subgraphManifest().map(({ name }) => [name, (name === 'orders' ? orders : processes[name]).url]))));
  }

  const startOrders = (instance: 'orders-1' | 'orders-2', extra: Record<string, string> = {}) => spawnService(instance, 'subgraphs/orders', subgraphEnv('orders', { INSTANCE_ID: instance, ...extra }));

  beforeAll(async () => {
    enabled = (await postgresAvailable()) && (await redisAvailable());
    if (!enabled) return;
    for (const { name } of subgraphManifest()) databaseUrls[name] = (await testDatabaseUrl(`x_${name}`))!;
    await Promise.all([
      // Every other subgraph of the list once (delivery quotes the orders, so they can confirm).
      ...subgraphManifest()
        .filter(({ name }) => name !== 'orders')
        .map(({ name }) => spawnService(name, `subgraphs/${name}`, subgraphEnv(name)).then((p) => (processes[name] = p))),
      // The second orders instance starts once the first has migrated the shared database.
      startOrders('orders-1').then(async (p) => {
        processes.orders1 = p;
        processes.orders2 = await startOrders('orders-2');
      }),
    ]);
    [processes.routerA, processes.routerB] = await Promise.all([startRouter(processes.orders1), startRouter(processes.orders2)]);
    const admin = await adminOn(routerA());
    productId = await createProduct(admin);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stopAllServices();
    await cleanupTestResources();
  }, 60_000);

  const routerA = () => `${processes.routerA.url}/graphql`;
  const routerB = () => `${processes.routerB.url}/graphql`;

  function subscribeOnB(token: string, orderId: string) {
    const client = createClient({ url: routerB().replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    const state = { events: [] as any[], error: undefined as unknown, completed: false };
    client.subscribe(
      { query: ORDER_EVENTS, variables: { id: orderId } },
      {
        next: (e) => void state.events.push(e),
        error: (e) => void (state.error = e),
        complete: () => void (state.completed = true),
      },
    );
    return state;
  }

  /** A customer's order, placed through router A and confirmed. */
  async function confirmedOrder(customer: Client, key: string) {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const id: string = (await customer.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: key })).checkout.id;
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status === 'CONFIRMED', { message: 'CONFIRMED' });
    return id;
  }

  /** GraphQL HTTP requests an orders instance has served (its Prometheus counter). */
  async function graphqlRequestsServed(orders: ServiceProcess) {
    const text = await (await fetch(`${orders.url}/metrics`)).text();
    const served = text
      .split('\n')
      .filter((line) => line.startsWith('graphql_requests_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    if (!Number.isFinite(served)) throw new Error(`unreadable metrics from ${orders.name}`);
    return served;
  }

  it('delivers a change made through router A (orders 1) to a subscriber on router B (orders 2), with users and products fields', async () => {
    if (!enabled) return console.warn('skipped: needs PostgreSQL and Redis');
    const customer = await registerCustomer(routerA(), 'across');
    const orderId = await confirmedOrder(customer, 'across-order-1');
    const [servedByOrders1, servedByOrders2] = await Promise.all([graphqlRequestsServed(processes.orders1), graphqlRequestsServed(processes.orders2)]);

    const sub = subscribeOnB(customer.token!, orderId);
    await eventually(async () => sub.events.length >= 1, { message: 'the current state on router B' });
    const item = { product: { name: expect.stringContaining('Cross-instance kettle') } };
    expect(sub.events[0]).toEqual({ data: { orderStatusChanged: { status: 'CONFIRMED', customer: { name: 'across' }, items: [item] } } });

    const { cancelOrder } = await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    expect(cancelOrder.status).toBe('CANCELLED');
    await eventually(async () => sub.events.length >= 2, { message: 'the CANCELLED event on router B' });
    expect(sub.events[1]).toEqual({ data: { orderStatusChanged: { status: 'CANCELLED', customer: { name: 'across' }, items: [item] } } });
    expect(sub.error).toBeUndefined();
    // Router B's subscription lives on orders 2, which served no HTTP request meanwhile: the
    // mutation ran on orders 1, and its announcement crossed over through Redis.
    expect(await graphqlRequestsServed(processes.orders1)).toBeGreaterThan(servedByOrders1);
    expect(await graphqlRequestsServed(processes.orders2)).toBe(servedByOrders2);
  });

  it('resumes on router B after the orders instance behind it is killed (SIGKILL) and started again on the same port', async () => {
    if (!enabled) return console.warn('skipped: needs PostgreSQL and Redis');
    const customer = await registerCustomer(routerA(), 'survivor');
    const orderId = await confirmedOrder(customer, 'survivor-order-1');
    const sub = subscribeOnB(customer.token!, orderId);
    await eventually(async () => sub.events.length >= 1, { message: 'the current state on router B' });

    const port = new URL(processes.orders2.url).port;
    await processes.orders2.crash();
    processes.orders2 = await startOrders('orders-2', { PORT: port });
    // Router B re-subscribes on the new process, which answers with the order as it stands.
    await eventually(async () => sub.events.length >= 2, { timeoutMs: 30_000, message: 'the current state again after the restart' });
    expect(sub.events[1].data.orderStatusChanged.status).toBe('CONFIRMED');

    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    await eventually(async () => sub.events.length >= 3, { message: 'the CANCELLED event after the restart' });
    expect(sub.events[2]).toEqual({
      data: { orderStatusChanged: { status: 'CANCELLED', customer: { name: 'survivor' }, items: [{ product: { name: expect.stringContaining('Cross-instance kettle') } }] } },
    });
    expect(sub.error).toBeUndefined();
    expect(sub.completed).toBe(false);
  });

  /** An admin: a registered customer promoted in the users database, then logged in again for a token with the role. */
  async function adminOn(url: string): Promise<Client> {
    const client = await registerCustomer(url, 'xinst-admin');
    const pg = new PgClient({ connectionString: databaseUrls.users });
    await pg.connect();
    await pg.query(`UPDATE app_user SET roles = '{ADMIN}' WHERE id = $1`, [client.userId]);
    await pg.end();
    const email = (await client.data('{ me { email } }')).me.email;
    const res = await graphql(url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: 'long-enough-1' } });
    return new Client(url, res.data.login.accessToken, client.userId);
  }

  /** A product with stock, once orders' read model of the catalogue has it. */
  async function createProduct(admin: Client): Promise<string> {
    const { createCategory } = await admin.data('mutation { createCategory(input: { name: "Cross-instance tests" }) { id } }');
    const { createProduct } = await admin.data('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
      i: { name: `Cross-instance kettle ${Date.now()}`, description: 'Boils on every instance', price: 3000, categoryId: createCategory.id, stock: 10 },
    });
    const pg = new PgClient({ connectionString: databaseUrls.orders });
    await pg.connect();
    try {
      await eventually(async () => (await pg.query('SELECT 1 FROM catalog_product WHERE product_id = $1', [createProduct.id])).rowCount === 1, { message: 'orders to know the product' });
    } finally {
      await pg.end();
    }
    return createProduct.id;
  }
});
