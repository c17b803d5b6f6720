import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { issueAccessToken } from '@supergraph/auth';
import WebSocket from 'ws';
import { cleanupTestResources, eventually, TEST_JWT_SECRET } from '@supergraph/testkit';
import { Client, createProduct, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

const SSE = 'text/event-stream';
const MULTIPART = 'multipart/mixed;subscriptionSpec="1.0", application/json';
const ORDER_EVENTS = `subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } items { product { name } } } }`;

/** A streamed response read as it arrives: its text so far, and whether it ended. */
function reader(response: Response) {
  const state = { text: '', ended: false };
  const stream = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await stream.read();
        if (done) break;
        state.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by the test
    }
    state.ended = true;
  })();
  return state;
}

/** SSE events (`event:` and JSON `data:`), comments left out. */
function sseEvents(text: string) {
  return text
    .split('\n\n')
    .slice(0, -1)
    .filter((block) => !block.startsWith(':'))
    .map((block) => {
      const lines = block.split('\n');
      const data = lines
        .find((l) => l.startsWith('data:'))!
        .slice(5)
        .trim();
      return {
        event: lines
          .find((l) => l.startsWith('event:'))!
          .slice(6)
          .trim(),
        data: data ? JSON.parse(data) : null,
      };
    });
}

/** Multipart parts (JSON bodies, heartbeats included) and whether the closing delimiter came. */
function multipartParts(text: string) {
  const pieces = text.split('\r\n--graphql').slice(1);
  const closed = pieces.length > 0 && pieces[pieces.length - 1].startsWith('--');
  // Each part is followed by its delimiter, so the last piece is the end marker or still empty.
  return { closed, parts: pieces.slice(0, -1).map((p) => JSON.parse(p.slice(p.indexOf('\r\n\r\n') + 4))) };
}

/**
 * Subscriptions over plain HTTP on the router's /graphql for clients without WebSocket: graphql-sse
 * (Server-Sent Events) and Apollo's multipart protocol, chosen by Accept, through the same hub as
 * graphql-ws.
 */
describe('subscriptions over HTTP (SSE and multipart)', () => {
  let sg: TestSupergraph;
  let admin: Client;
  let customer: Client;
  let productId: string;
  let productName: string;
  const sseClients: SseClient[] = [];
  const apolloClients: ApolloClient[] = [];
  const controllers: AbortController[] = [];
  const unsubscribes: (() => void)[] = [];

  /** A CONFIRMED order of `customer` for one unit of the test product. */
  async function confirmedOrder(key: string) {
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const id: string = (await customer.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: key })).checkout.id;
    await eventually(async () => (await customer.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status === 'CONFIRMED', { message: 'the order to be confirmed' });
    return id;
  }

  /** A raw streaming request to the router, aborted in afterAll if the test has not. */
  async function post(accept: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const controller = new AbortController();
    controllers.push(controller);
    const response = await fetch(sg.url, {
      method: 'POST',
      headers: { accept, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    return { response, controller };
  }

  function sseClient(token: string | undefined) {
    const client = createSseClient({ url: sg.url, headers: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0 });
    sseClients.push(client);
    return client;
  }

  function collectSse(client: SseClient, variables: Record<string, unknown>) {
    const state = { events: [] as any[], error: undefined as unknown, completed: false, dispose: () => {} };
    state.dispose = client.subscribe(
      { query: ORDER_EVENTS, variables },
      {
        next: (e) => void state.events.push(e),
        error: (e) => void (state.error = e),
        complete: () => void (state.completed = true),
      },
    );
    unsubscribes.push(state.dispose);
    return state;
  }

  beforeAll(async () => {
    sg = await startTestSupergraph();
    admin = await login(sg.url, 'admin@example.com');
    productId = await createProduct(sg, admin, { stock: 20, price: 900, name: 'Streamed teapot' });
    productName = (await admin.data('query($id: ID!) { product(id: $id) { name } }', { id: productId })).product.name;
    customer = await registerCustomer(sg.url, 'streamer');
  });
  afterAll(async () => {
    unsubscribes.forEach((u) => u());
    controllers.forEach((c) => c.abort());
    sseClients.forEach((c) => c.dispose());
    apolloClients.forEach((c) => c.stop());
    await sg?.close();
    await cleanupTestResources();
  });

  it('streams an order over SSE (graphql-sse client), with fields from users and products, then its cancellation', async () => {
    const orderId = await confirmedOrder('sse-order-1');
    const sub = collectSse(sseClient(customer.token), { id: orderId });
    await eventually(async () => sub.events.length >= 1, { message: 'the current state' });
    expect(sub.events[0]).toEqual({
      data: { orderStatusChanged: { status: 'CONFIRMED', customer: { name: 'streamer' }, items: [{ product: { name: productName } }] } },
    });
    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    await eventually(async () => sub.events.length >= 2, { message: 'the CANCELLED event' });
    expect(sub.events[1]).toEqual({
      data: { orderStatusChanged: { status: 'CANCELLED', customer: { name: 'streamer' }, items: [{ product: { name: productName } }] } },
    });
    sub.dispose();
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0, { message: 'the upstream subscription to end' });
    expect(sub.error).toBeUndefined();
  });

  it('streams an order over multipart HTTP to Apollo Client (HttpLink), then its cancellation', async () => {
    const orderId = await confirmedOrder('multipart-order-1');
    const contentTypes: (string | null)[] = [];
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({
        uri: sg.url,
        headers: { authorization: `Bearer ${customer.token}` },
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          contentTypes.push(response.headers.get('content-type'));
          return response;
        },
      }),
    });
    apolloClients.push(client);
    const results: any[] = [];
    let error: unknown;
    const subscription = client
      .subscribe({ query: gql(ORDER_EVENTS), variables: { id: orderId }, fetchPolicy: 'no-cache' })
      .subscribe({ next: (r) => void results.push(r), error: (e) => void (error = e) });
    unsubscribes.push(() => subscription.unsubscribe());
    await eventually(async () => results.length >= 1, { message: 'the current state' });
    expect(contentTypes).toEqual(['multipart/mixed; boundary="graphql"; subscriptionSpec="1.0"']);
    const order = (status: string) => ({
      orderStatusChanged: {
        __typename: 'Order',
        status,
        customer: { __typename: 'User', name: 'streamer' },
        items: [{ __typename: 'OrderItem', product: { __typename: 'Product', name: productName } }],
      },
    });
    expect(results[0].data).toEqual(order('CONFIRMED'));
    await customer.data('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId });
    await eventually(async () => results.length >= 2, { message: 'the CANCELLED event' });
    expect(results[1].data).toEqual(order('CANCELLED'));
    expect(error).toBeUndefined();
    subscription.unsubscribe();
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0, { message: 'the upstream subscription to end' });
  });

  it('refuses a missing or invalid token with 401 UNAUTHENTICATED and no stream, on both protocols', async () => {
    for (const accept of [SSE, MULTIPART]) {
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
        const { response } = await post(accept, { query: ORDER_EVENTS, variables: { id: '00000000-0000-4000-8000-000000000000' } }, headers);
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        const body = (await response.json()) as any;
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(body.errors[0].extensions.http).toBeUndefined();
      }
    }
    expect(sg.supergraph.router.subscriptionStats().clients).toBe(0);
  });

  it("refuses another customer's order: a FORBIDDEN error and no events", async () => {
    const orderId = await confirmedOrder('sse-order-foreign');
    const mallory = await registerCustomer(sg.url, 'mallory');
    const sub = collectSse(sseClient(mallory.token), { id: orderId });
    await eventually(async () => sub.completed || sub.error !== undefined, { message: 'the end of the stream' });
    expect(sub.error).toBeUndefined();
    expect(sub.events).toHaveLength(1);
    expect(sub.events[0].data).toBeUndefined();
    expect(sub.events[0].errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);

    const { response } = await post(MULTIPART, { query: ORDER_EVENTS, variables: { id: orderId } }, { authorization: `Bearer ${mallory.token}` });
    const stream = reader(response);
    await eventually(async () => stream.ended, { message: 'the multipart stream to end' });
    const { closed, parts } = multipartParts(stream.text);
    expect(closed).toBe(true);
    const payloads = parts.filter((p) => 'payload' in p);
    expect(payloads).toHaveLength(1);
    expect(payloads[0].payload.data).toBeUndefined();
    expect(payloads[0].payload.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0);
  });

  it('keeps idle streams alive with heartbeats, and ends the upstream subscription when HTTP clients abort (one SSE, one multipart, sharing it)', async () => {
    const orderId = await confirmedOrder('abort-order-1');
    const auth = { authorization: `Bearer ${customer.token}` };
    const sse = await post(SSE, { query: ORDER_EVENTS, variables: { id: orderId } }, auth);
    const multipart = await post(MULTIPART, { query: ORDER_EVENTS, variables: { id: orderId } }, auth);
    expect(sse.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sseStream = reader(sse.response);
    const multipartStream = reader(multipart.response);
    await eventually(async () => sseEvents(sseStream.text).length >= 1 && multipartParts(multipartStream.text).parts.some((p) => p.payload), { message: 'both first events' });
    expect(sseEvents(sseStream.text)[0]).toMatchObject({ event: 'next', data: { data: { orderStatusChanged: { status: 'CONFIRMED' } } } });
    expect(multipartParts(multipartStream.text).parts).toEqual([
      {},
      { payload: { data: { orderStatusChanged: { status: 'CONFIRMED', customer: { name: 'streamer' }, items: [{ product: { name: productName } }] } } } },
    ]);
    expect(sg.supergraph.router.subscriptionStats()).toEqual({ clients: 2, upstream: 1, shared: 1 });
    // Every 5 s: an empty part, an SSE comment (both also open the stream).
    await eventually(async () => multipartParts(multipartStream.text).parts.filter((p) => Object.keys(p).length === 0).length >= 2 && sseStream.text.split(':\n\n').length - 1 >= 2, {
      timeoutMs: 10_000,
      message: 'a heartbeat on each stream',
    });
    sse.controller.abort();
    multipart.controller.abort();
    await eventually(
      async () => {
        const stats = sg.supergraph.router.subscriptionStats();
        return stats.clients === 0 && stats.upstream === 0 && stats.shared === 0;
      },
      { message: 'every subscription to be released' },
    );
  });

  it('applies the CSRF rule: a simple GET is refused, a GET with apollo-require-preflight streams', async () => {
    const orderId = await confirmedOrder('get-order-1');
    const url = `${sg.url}?${new URLSearchParams({ query: ORDER_EVENTS, variables: JSON.stringify({ id: orderId }) }).toString()}`;
    const refused = await fetch(url, { headers: { accept: SSE, authorization: `Bearer ${customer.token}` } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const textPlain = await fetch(sg.url, {
      method: 'POST',
      headers: { accept: SSE, 'content-type': 'text/plain', authorization: `Bearer ${customer.token}` },
      body: JSON.stringify({ query: ORDER_EVENTS, variables: { id: orderId } }),
    });
    expect(textPlain.status).toBe(400);
    expect(((await textPlain.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');

    const controller = new AbortController();
    controllers.push(controller);
    const allowed = await fetch(url, { headers: { accept: SSE, authorization: `Bearer ${customer.token}`, 'apollo-require-preflight': 'true' }, signal: controller.signal });
    expect(allowed.status).toBe(200);
    const stream = reader(allowed);
    await eventually(async () => sseEvents(stream.text).length >= 1, { message: 'the current state' });
    expect(sseEvents(stream.text)[0]).toMatchObject({ event: 'next', data: { data: { orderStatusChanged: { status: 'CONFIRMED' } } } });
    controller.abort();
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0);
  });

  it('answers queries as one result, and puts validation errors in the stream', async () => {
    const auth = { authorization: `Bearer ${customer.token}` };
    const sseQuery = reader((await post(SSE, { query: '{ me { name } }' }, auth)).response);
    await eventually(async () => sseQuery.ended);
    expect(sseEvents(sseQuery.text)).toEqual([
      { event: 'next', data: { data: { me: { name: 'streamer' } } } },
      { event: 'complete', data: null },
    ]);

    const multipartQuery = (await post(MULTIPART, { query: '{ me { name } }' }, auth)).response;
    expect(multipartQuery.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await multipartQuery.json()).toEqual({ data: { me: { name: 'streamer' } } });

    const invalid = reader((await post(SSE, { query: 'subscription { orderStatusChanged(orderId: "x") { nope } }' }, auth)).response);
    await eventually(async () => invalid.ended);
    const events = sseEvents(invalid.text);
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(events[0].data.errors.map((e: any) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const aliases = Array.from({ length: 31 }, (_, i) => `s${i}: status`).join(' ');
    const tooWide = reader((await post(MULTIPART, { query: `subscription { orderStatusChanged(orderId: "x") { ${aliases} } }` }, auth)).response);
    await eventually(async () => tooWide.ended);
    const { closed, parts } = multipartParts(tooWide.text);
    expect(closed).toBe(true);
    expect(parts[1].payload.errors.map((e: any) => [e.extensions.code, e.extensions.aliases])).toEqual([['OPERATION_LIMIT_EXCEEDED', 31]]);
    expect(sg.supergraph.router.subscriptionStats().upstream).toBe(0);
  });

  it('ends a multipart stream with UNAUTHENTICATED when its access token expires', async () => {
    const orderId = await confirmedOrder('expiring-order-1');
    const token = await issueAccessToken({ id: customer.userId!, roles: ['CUSTOMER'] }, { secret: TEST_JWT_SECRET, ttlSeconds: 2 });
    const stream = reader((await post(MULTIPART, { query: ORDER_EVENTS, variables: { id: orderId } }, { authorization: `Bearer ${token}` })).response);
    await eventually(async () => stream.ended, { timeoutMs: 10_000, message: 'the stream to end at expiry' });
    const payloads = multipartParts(stream.text).parts.filter((p) => 'payload' in p);
    expect(payloads.map((p) => p.payload.data?.orderStatusChanged.status ?? p.payload.errors[0].extensions.code)).toEqual(['CONFIRMED', 'UNAUTHENTICATED']);
    expect(multipartParts(stream.text).closed).toBe(true);
    await eventually(async () => sg.supergraph.router.subscriptionStats().upstream === 0);
  });

  it('ends open HTTP streams with SHUTTING_DOWN when the router closes', async () => {
    const orderId = await confirmedOrder('shutdown-order-1');
    const auth = { authorization: `Bearer ${customer.token}` };
    const sseStream = reader((await post(SSE, { query: ORDER_EVENTS, variables: { id: orderId } }, auth)).response);
    const multipartStream = reader((await post(MULTIPART, { query: ORDER_EVENTS, variables: { id: orderId } }, auth)).response);
    await eventually(async () => sseEvents(sseStream.text).length >= 1 && multipartParts(multipartStream.text).parts.length >= 2, { message: 'both first events' });
    await sg.supergraph.router.close();
    await eventually(async () => sseStream.ended && multipartStream.ended, { message: 'both streams to end' });
    const sse = sseEvents(sseStream.text);
    expect(sse.slice(1)).toEqual([
      { event: 'next', data: { errors: [{ message: 'The router is shutting down; subscribe again', extensions: { code: 'SHUTTING_DOWN' } }] } },
      { event: 'complete', data: null },
    ]);
    const multipart = multipartParts(multipartStream.text);
    expect(multipart.closed).toBe(true);
    expect(multipart.parts[multipart.parts.length - 1]).toEqual({ payload: null, errors: [{ message: 'The router is shutting down; subscribe again', extensions: { code: 'SHUTTING_DOWN' } }] });
  });
});

describe('subscriptions over HTTP: the per-instance limit', () => {
  let sg: TestSupergraph;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    sg = await startTestSupergraph({ subscriptionLimits: { perConnection: 10, perInstance: 1 } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  it('counts graphql-ws and HTTP subscriptions together: past it, RATE_LIMITED in the stream', async () => {
    const admin = await login(sg.url, 'admin@example.com');
    const productId = await createProduct(sg, admin, { stock: 5 });
    const customer = await registerCustomer(sg.url, 'limited');
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    const orderId = (await customer.data('mutation { checkout(input: { idempotencyKey: "limited-order-1" }) { id } }')).checkout.id;

    const ws = createWsClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${customer.token}` }, retryAttempts: 0 });
    clients.push(ws);
    const held: unknown[] = [];
    const dispose = ws.subscribe({ query: ORDER_EVENTS, variables: { id: orderId } }, { next: (e) => void held.push(e), error: () => {}, complete: () => {} });
    await eventually(async () => held.length >= 1, { message: 'the WebSocket subscription' });

    const response = await fetch(sg.url, {
      method: 'POST',
      headers: { accept: SSE, 'content-type': 'application/json', authorization: `Bearer ${customer.token}` },
      body: JSON.stringify({ query: ORDER_EVENTS, variables: { id: orderId } }),
    });
    const events = sseEvents(await response.text());
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    expect(events[0].data.errors.map((e: any) => [e.extensions.code, e.extensions.limit])).toEqual([['RATE_LIMITED', 'subscriptionsPerInstance']]);
    expect(sg.supergraph.router.subscriptionStats()).toEqual({ clients: 1, upstream: 1, shared: 1 });
    dispose();
    await eventually(async () => sg.supergraph.router.subscriptionStats().clients === 0);
  });
});
