import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { issueAccessToken } from '@supergraph/auth';
import WebSocket from 'ws';
import { cleanupTestResources, eventually, TEST_JWT_SECRET } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/** Subscriptions end when they should: on leaving, past the limits, when the token expires, on shutdown. */
/** Heap in use after a full collection (the flag is set at run time, so no node option is needed). */
function heapAfterGc(): number {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('subscription lifecycle', () => {
  let sg: TestSupergraph;
  let customer: Client;
  let orderId: string;
  const clients: WsClient[] = [];
  const QUERY = 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } } }';

  function connect(token: string) {
    const client = createClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    return client;
  }
  function collect(client: WsClient) {
    const state = { events: [] as any[], error: undefined as unknown, completed: false, dispose: () => {} };
    state.dispose = client.subscribe(
      { query: QUERY, variables: { id: orderId } },
      {
        next: (e) => void state.events.push(e),
        error: (e) => void (state.error = e),
        complete: () => void (state.completed = true),
      },
    );
    return state;
  }

  beforeAll(async () => {
    sg = await startTestSupergraph({ subscriptionLimits: { perConnection: 3, perInstance: 1000 } });
    const admin = await login(sg.url, 'admin@example.com');
    const productId = await createProduct(sg, admin, { stock: 5 });
    customer = await registerCustomer(sg.url, 'lifecycle');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    orderId = (await customer.data('mutation { checkout(input: { idempotencyKey: "lifecycle-order-1" }) { id } }')).checkout.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  it('holds no upstream subscription after 1,000 subscribe-and-leave cycles, and its heap is back near where it started', async () => {
    const client = connect(customer.token!);
    const warmup = collect(client); // the connection, the plan cache and the subgraph socket exist before measuring
    await eventually(async () => warmup.events.length > 0, { message: 'a first event' });
    warmup.dispose();
    const heapBefore = heapAfterGc();
    for (let i = 0; i < 1000; i++) {
      const sub = collect(client);
      if (i % 100 === 0) await eventually(async () => sub.events.length > 0, { message: 'an event' });
      sub.dispose();
    }
    await eventually(
      async () => {
        const stats = sg.supergraph.router.subscriptionStats();
        return stats.clients === 0 && stats.upstream === 0 && stats.shared === 0;
      },
      { message: 'every subscription to be released' },
    );
    // Router, subgraphs and client share this process: a leak of the 1,000 subscriptions (tens of KB
    // each, see the fan-out bench) would show as MBs; what is left is noise (under 1 MB here).
    const grownMb = (heapAfterGc() - heapBefore) / 2 ** 20;
    console.log(`heap after 1,000 subscribe/leave cycles: ${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThan(5);
  });

  it('refuses subscriptions past the per-connection limit', async () => {
    const client = connect(customer.token!);
    const held = [collect(client), collect(client), collect(client)];
    await eventually(async () => held.every((s) => s.events.length > 0));
    const fourth = collect(client);
    await eventually(async () => fourth.error !== undefined, { message: 'the refusal' });
    expect(JSON.stringify(fourth.error)).toContain('RATE_LIMITED');
    held.forEach((s) => s.dispose());
  });

  it('ends a subscription with UNAUTHENTICATED when its access token expires', async () => {
    const token = await issueAccessToken({ id: customer.userId!, roles: ['CUSTOMER'] }, { secret: TEST_JWT_SECRET, ttlSeconds: 2 });
    const sub = collect(connect(token));
    await eventually(async () => sub.events.some((e) => e.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED'), { timeoutMs: 10_000, message: 'the expiry error' });
    await eventually(async () => sub.completed);
  });

  it('closes sockets with 1001 when the router shuts down', async () => {
    const sub = collect(connect(customer.token!));
    await eventually(async () => sub.events.length > 0);
    await sg.supergraph.router.close();
    await eventually(async () => sub.error !== undefined || sub.completed, { message: 'the close' });
    expect((sub.error as { code?: number } | undefined)?.code).toBe(1001);
  });
});
