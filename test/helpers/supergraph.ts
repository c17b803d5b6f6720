import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { startSupergraph, subgraphManifest, type RunningSupergraph } from '@supergraph/embedded';
import { eventually, graphql, testDatabaseUrl, testLogger, testMessaging, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';

export interface TestSupergraph {
  url: string;
  supergraph: RunningSupergraph;
  messaging: Messaging;
  databaseUrls: Record<string, string | undefined>;
  dataDir?: string;
  /** Stops the router and subgraphs; `keepMessaging` leaves the bus for a restart on the same data. */
  close(options?: { keepMessaging?: boolean }): Promise<void>;
}

/**
 * Every subgraph and the router, in this process, each subgraph on a database of its own
 * (PostgreSQL when reachable) and Redis when reachable. Seeded like the embedded default.
 */
export async function startTestSupergraph(
  options: {
    relayOff?: string[];
    databaseUrls?: Record<string, string | undefined>;
    dataDir?: string;
    messaging?: Messaging;
    seed?: boolean;
    subscriptionLimits?: { perConnection: number; perInstance: number };
  } = {},
): Promise<TestSupergraph> {
  const messaging = options.messaging ?? (await testMessaging('supergraph'));
  const databaseUrls = options.databaseUrls ?? Object.fromEntries(await Promise.all(subgraphManifest().map(async ({ name }) => [name, await testDatabaseUrl(name)] as const)));
  const supergraph = await startSupergraph({
    messaging,
    identitySecret: TEST_IDENTITY_SECRET,
    jwtSecret: TEST_JWT_SECRET,
    logger: testLogger,
    databaseUrls,
    dataDir: options.dataDir,
    seed: options.seed ?? true,
    ephemeralPorts: true,
    relayOff: options.relayOff,
    relayPollIntervalMs: 50,
    subscriptionLimits: options.subscriptionLimits,
  });
  if (options.seed ?? true) {
    // Seeds reach other subgraphs' read models through events (the catalogue into orders, say);
    // tests start once every seeded event has been relayed and handled by every consumer.
    await eventually(() => eventsSettled(Object.values(supergraph.subgraphs)), { timeoutMs: 60_000, message: "the seeds' events to be relayed and consumed" });
  }
  return {
    url: supergraph.url,
    supergraph,
    messaging,
    databaseUrls,
    dataDir: options.dataDir,
    close: async ({ keepMessaging = false } = {}) => {
      await supergraph.close();
      if (!keepMessaging) await messaging.close();
    },
  };
}

/**
 * True when no subgraph has an event left to relay and every event in any outbox has been handled
 * by every subgraph that consumes its topic. Generic over schema/subgraphs.json: it needs nothing
 * from a new subgraph but the event tables that service-kit's migration creates.
 */
export async function eventsSettled(subgraphs: RunningSubgraph[]): Promise<boolean> {
  const emitted: { id: string; topic: string }[] = [];
  for (const s of subgraphs) {
    const [{ n }] = await s.database.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    if (n > 0) return false;
    emitted.push(...(await s.database.dataSource.query('SELECT id, topic FROM outbox')));
  }
  for (const s of subgraphs) {
    const expected = emitted.filter((e) => s.consumedTopics.includes(e.topic));
    if (!expected.length) continue;
    const rows: { event_id: string }[] = await s.database.dataSource.query('SELECT event_id FROM processed_event WHERE consumer = $1', [s.name]);
    const handled = new Set(rows.map((r) => r.event_id));
    if (expected.some((e) => !handled.has(e.id))) return false;
  }
  return true;
}

export const DEMO_PASSWORD = 'Demo-Password-1';

/** A client of the supergraph holding one user's token. */
export class Client {
  constructor(
    readonly url: string,
    readonly token?: string,
    readonly userId?: string,
  ) {}

  request<T = any>(query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(this.url, query, variables, this.token ? { authorization: `Bearer ${this.token}` } : {});
  }

  /** Like `request`, but fails the test on any error. */
  async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }
}

export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await graphql(url, 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }', { i: { email, password } });
  if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
  return new Client(url, res.data.login.accessToken, res.data.login.user.id);
}

/** A new customer, through the router, with a default delivery address. */
export async function registerCustomer(url: string, label = 'customer'): Promise<Client> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const res = await graphql(url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', {
    i: { email, password: 'long-enough-1', name: label },
  });
  if (!res.data?.register) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const client = new Client(url, res.data.register.accessToken, res.data.register.user.id);
  // Checkout ships to the customer's default address, so every test customer has one (a US ZIP delivery serves).
  await client.data('mutation($i: AddAddressInput!) { addAddress(input: $i) { id } }', {
    i: { label: 'Home', line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US' },
  });
  return client;
}

/**
 * An admin creates a product; resolves once the orders subgraph's read model of the catalogue has
 * it (the event takes milliseconds), so that carts accept it.
 */
export async function createProduct(sg: TestSupergraph, admin: Client, { stock, price = 1250, name = 'Test product' }: { stock: number; price?: number; name?: string }): Promise<string> {
  const { categories } = await admin.data('{ categories { id } }');
  const { createProduct } = await admin.data('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
    i: { name: `${name} ${randomUUID().slice(0, 6)}`, description: 'Made for a test', price, categoryId: categories[0].id, stock },
  });
  const id: string = createProduct.id;
  const orders = sg.supergraph.subgraphs.orders.database.dataSource;
  await eventually(async () => (await orders.query('SELECT 1 FROM catalog_product WHERE product_id = $1', [id])).length > 0, { message: 'orders to know the product' });
  return id;
}

/**
 * The SQL statements each subgraph runs for `request`. Background work shares the counters
 * (payments' worker polls for due charges every second, delivery sweeps, relays poll), so the
 * request runs five times and the fewest per subgraph is what it costs.
 */
export async function statementsPerSubgraph(sg: TestSupergraph, request: () => Promise<unknown>, runs = 5): Promise<Record<string, number>> {
  const subgraphs = Object.entries(sg.supergraph.subgraphs);
  const counts: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    const before = subgraphs.map(([, s]) => s.database.queryCount);
    await request();
    counts.push(Object.fromEntries(subgraphs.map(([name, s], j) => [name, s.database.queryCount - before[j]])));
  }
  return Object.fromEntries(subgraphs.map(([name]) => [name, Math.min(...counts.map((c) => c[name]))]));
}
