import { Client as PgClient } from 'pg';
import { cleanupTestResources, eventually, graphql, postgresAvailable, redisAvailable, testDatabaseUrl, uniqueName } from '@supergraph/testkit';
import { routerProcessEnv, subgraphManifest, subgraphProcessEnv } from './helpers/compose';
import { spawnService, stopAllServices, type ServiceProcess } from './helpers/processes';
import { Client, registerCustomer } from './helpers/supergraph';

/**
 * The production topology as separate processes, started with the environment docker-compose.yml
 * gives each service (service hosts mapped to 127.0.0.1, OS-chosen ports, a database and Redis
 * prefix of this test's own). Events cross processes through Redis Streams, so this needs real
 * PostgreSQL and Redis; without them it is skipped (CI always has both).
 */
async function realServices() {
  return (await postgresAvailable()) && (await redisAvailable());
}

describe('the supergraph as separate processes', () => {
  const prefix = `${uniqueName('procs')}:`;
  const databaseUrls: Record<string, string> = {};
  const processes: Record<string, ServiceProcess> = {};
  let router: ServiceProcess;
  let enabled = false;

  async function startSubgraph(name: string, extra: Record<string, string> = {}) {
    processes[name] = await spawnService(name, `subgraphs/${name}`, subgraphProcessEnv(name, { databaseUrl: databaseUrls[name], redisPrefix: prefix }, extra));
    return processes[name];
  }

  beforeAll(async () => {
    enabled = await realServices();
    if (!enabled) return;
    for (const { name } of subgraphManifest()) databaseUrls[name] = (await testDatabaseUrl(`p_${name}`))!;
    await Promise.all(subgraphManifest().map(({ name }) => startSubgraph(name)));
    router = await spawnService('router', 'router', routerProcessEnv(Object.fromEntries(subgraphManifest().map(({ name }) => [name, processes[name].url]))));
  }, 120_000);

  afterAll(async () => {
    await stopAllServices();
    await cleanupTestResources();
  }, 60_000);

  const url = () => `${router.url}/graphql`;

  async function admin(): Promise<Client> {
    const client = await registerCustomer(url(), 'proc-admin');
    const pg = new PgClient({ connectionString: databaseUrls.users });
    await pg.connect();
    await pg.query(`UPDATE app_user SET roles = '{ADMIN}' WHERE id = $1`, [client.userId]);
    await pg.end();
    // A new token carries the new role.
    const email = (await client.data('{ me { email } }')).me.email;
    const res = await graphql(url(), 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: 'long-enough-1' } });
    return new Client(url(), res.data.login.accessToken, client.userId);
  }

  it('serves a checkout across processes: the order is confirmed through Redis Streams', async () => {
    if (!enabled) return console.warn('skipped: needs PostgreSQL and Redis');
    expect(await (await fetch(`${router.url}/ready`)).json()).toEqual({ status: 'ready' });
    const boss = await admin();
    const productId = await createProduct(boss, 7);
    await knownToOrders(productId);
    const customer = await registerCustomer(url(), 'proc-customer');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { itemCount } }', { p: productId });
    const { checkout } = await customer.data('mutation { checkout(input: { idempotencyKey: "proc-checkout-1" }) { id status } }');
    expect(checkout.status).toBe('PENDING');
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id })).order.status === 'CONFIRMED', { message: 'CONFIRMED' });
    expect((await customer.data('query($id: ID!) { product(id: $id) { stock } }', { id: productId })).product.stock).toBe(5);
  });

  it('loses no order when the orders process dies before relaying its event, and handles it once after restart', async () => {
    if (!enabled) return console.warn('skipped: needs PostgreSQL and Redis');
    const boss = await admin();
    const productId = await createProduct(boss, 10);
    await knownToOrders(productId);
    const customer = await registerCustomer(url(), 'crash-customer');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 3) { itemCount } }', { p: productId });

    // An orders process that commits orders but dies before its relay publishes anything.
    await processes.orders.stop();
    const doomed = await startSubgraph('orders', { OUTBOX_RELAY: 'off' });
    await restartRouterOn(doomed);
    const { checkout } = await new Client(url(), customer.token, customer.userId).data('mutation { checkout(input: { idempotencyKey: "crash-checkout-1" }) { id status } }');
    expect(checkout.status).toBe('PENDING');
    await doomed.crash();

    // After the restart the event goes out once: the order is confirmed, the stock taken once.
    const revived = await startSubgraph('orders');
    await restartRouterOn(revived);
    const again = new Client(url(), customer.token, customer.userId);
    await eventually(async () => (await again.data('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id })).order.status === 'CONFIRMED', { message: 'CONFIRMED after restart' });
    expect((await again.data('query($id: ID!) { product(id: $id) { stock } }', { id: productId })).product.stock).toBe(7);
  });

  /** Orders learns of new products through an event; carts accept them from then on. */
  async function knownToOrders(productId: string) {
    const pg = new PgClient({ connectionString: databaseUrls.orders });
    await pg.connect();
    try {
      await eventually(async () => (await pg.query('SELECT 1 FROM catalog_product WHERE product_id = $1', [productId])).rowCount === 1);
    } finally {
      await pg.end();
    }
  }

  async function restartRouterOn(orders: ServiceProcess) {
    await router.stop();
    router = await spawnService('router', 'router', routerProcessEnv(Object.fromEntries(subgraphManifest().map(({ name }) => [name, (name === 'orders' ? orders : processes[name]).url]))));
  }
});

async function createProduct(admin: Client, stock: number): Promise<string> {
  const { categories } = await admin.data('{ categories { id } }');
  let categoryId = categories[0]?.id;
  if (!categoryId) categoryId = (await admin.data('mutation { createCategory(input: { name: "Process tests" }) { id } }')).createCategory.id;
  const { createProduct } = await admin.data('mutation($i: CreateProductInput!) { createProduct(input: $i) { id stock } }', {
    i: { name: `Crash-proof mug ${Date.now()}`, description: 'Survives restarts', price: 1250, categoryId, stock },
  });
  return createProduct.id;
}
