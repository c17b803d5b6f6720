import WebSocket from 'ws';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { createProduct, DEMO_PASSWORD, login, startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import {
  AddAddressDocument,
  AddToCartDocument,
  CancelOrderDocument,
  CheckoutDocument,
  createApolloClient,
  createSession,
  fetchRefresh,
  LoginDocument,
  MeDocument,
  memoryStorage,
  OrderStatusChangedDocument,
  type Session,
  type SessionState,
  type SupergraphClient,
} from '../src';

/**
 * The session against the real users subgraph with 4-second access tokens: it refreshes each one
 * before it expires (so HTTP requests and a live subscription outlive several tokens), keeps the
 * state in its storage, and signs out when the API refuses a refresh.
 */
const TTL_SECONDS = 4;

describe('session: access tokens refreshed before they expire', () => {
  let sg: TestSupergraph;
  let productId: string;
  const opened: { session: Session; client: SupergraphClient }[] = [];

  beforeAll(async () => {
    // users reads its settings from the environment at start.
    process.env.ACCESS_TOKEN_TTL_SECONDS = String(TTL_SECONDS);
    try {
      sg = await startTestSupergraph();
    } finally {
      delete process.env.ACCESS_TOKEN_TTL_SECONDS;
    }
    productId = await createProduct(sg, await login(sg.url, 'admin@example.com'), { stock: 20, price: 990, name: 'Session kettle' });
  }, 120_000);
  afterAll(async () => {
    opened.forEach(({ session, client }) => (session.dispose(), client.close()));
    await sg?.close();
    await cleanupTestResources();
  });

  // What navigator.locks is to browser tabs, for the sessions of this process.
  let queue = Promise.resolve();
  const lock = (run: () => Promise<void>) => {
    const turn = queue.then(run);
    queue = turn.catch(() => undefined);
    return turn;
  };

  async function signedIn(email: string, storage = memoryStorage()) {
    const session = createSession({ storage, refresh: fetchRefresh(sg.url), refreshBeforeMs: 1500, lock });
    const client = createApolloClient({ httpUrl: sg.url, wsUrl: sg.url.replace(/^http/, 'ws'), session, webSocketImpl: WebSocket });
    opened.push({ session, client });
    const { data } = await client.mutate({ mutation: LoginDocument, variables: { input: { email, password: DEMO_PASSWORD } } });
    await session.signIn(data!.login);
    const states: SessionState[] = [session.current()!];
    session.subscribe(() => states.push(session.current()!));
    return { session, client, storage, states };
  }

  it('keeps HTTP requests and a subscription working across several token lifetimes, each token replaced before it expired', async () => {
    const { session, client, storage, states } = await signedIn('customer@example.com');
    await client.mutate({ mutation: AddAddressDocument, variables: { input: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', isDefault: true } } });
    await client.mutate({ mutation: AddToCartDocument, variables: { productId, quantity: 1 } });
    const { data } = await client.mutate({ mutation: CheckoutDocument, variables: { input: { idempotencyKey: `session-${Date.now()}` } } });
    const orderId = data!.checkout.id;

    const statuses: string[] = [];
    const subscription = client.subscribe({ query: OrderStatusChangedDocument, variables: { orderId } }).subscribe((result) => {
      statuses.push(result.data?.orderStatusChanged.status ?? `error: ${result.error?.message}`);
    });
    await eventually(async () => statuses.length > 0, { message: 'the order as it stands' });

    // Two and a half lifetimes of the first token.
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 2500));
    expect(states.length).toBeGreaterThanOrEqual(3);
    states.slice(1).forEach((state, i) => {
      expect(state.issuedAt).toBeLessThan(states[i].expiresAt);
      expect(state.refreshToken).not.toBe(states[i].refreshToken);
    });
    expect(JSON.parse(String(await storage.getItem('supergraph.session')))).toEqual(session.current());

    const me = await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
    expect(me.data?.me?.email).toBe('customer@example.com');
    // The subscription, opened with the first token (long expired), still delivers.
    await client.mutate({ mutation: CancelOrderDocument, variables: { id: orderId, reason: 'changed my mind' } });
    await eventually(async () => statuses.includes('CANCELLED'), { message: `CANCELLED on the subscription (got ${statuses.join(', ')})` });
    expect(statuses.filter((status) => status.startsWith('error'))).toEqual([]);
    subscription.unsubscribe();

    // A second tab on the same storage picks the session up; both keep refreshing it, in turns, and stay signed in.
    const tab = createSession({ storage, refresh: fetchRefresh(sg.url), refreshBeforeMs: 1500, lock });
    opened.push({ session: tab, client });
    expect((await tab.restore())?.user.email).toBe('customer@example.com');
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1500));
    expect(tab.current()).not.toBeNull();
    expect(session.current()).not.toBeNull();
    expect((await client.query({ query: MeDocument, fetchPolicy: 'network-only' })).data?.me?.email).toBe('customer@example.com');
  }, 60_000);

  it('signs out, storage included, when the API refuses the refresh token', async () => {
    const { session, storage } = await signedIn('alice@example.com');
    // Someone else uses the refresh token first: the session's own refresh is then refused.
    await fetchRefresh(sg.url)(session.current()!.refreshToken);
    await eventually(async () => session.current() === null, { timeoutMs: TTL_SECONDS * 2000, message: 'signed out' });
    expect(await storage.getItem('supergraph.session')).toBeNull();
    expect(await session.accessToken()).toBeNull();
  }, 30_000);

  it('refreshes once when several requests find the token expired at start (a second use of the refresh token would revoke it)', async () => {
    const { session, storage } = await signedIn('bob@example.com');
    session.dispose();
    // The app was closed for longer than the token lives: what it stored has expired.
    const stored = { ...session.current()!, expiresAt: Date.now() - 1000 };
    await storage.setItem('supergraph.session', JSON.stringify(stored));
    const reopened = createSession({ storage, refresh: fetchRefresh(sg.url) });
    opened.push({ session: reopened, client: opened[opened.length - 1].client });
    const tokens = await Promise.all([reopened.restore().then(() => reopened.accessToken()), reopened.accessToken(), reopened.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toEqual(expect.any(String));
    expect(reopened.current()?.refreshToken).not.toBe(stored.refreshToken);
  }, 30_000);

  it('keeps the session and retries while the API cannot be reached', async () => {
    const { session } = await signedIn('customer@example.com');
    const state = session.current()!;
    session.dispose();
    // Nothing listens on port 9 of the loopback: every refresh fails to connect.
    const offline = createSession({ storage: memoryStorage(), refresh: fetchRefresh('http://127.0.0.1:9/graphql'), retryMs: 100 });
    opened.push({ session: offline, client: opened[opened.length - 1].client });
    await offline.signIn({ ...state, expiresIn: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(offline.current()?.refreshToken).toBe(state.refreshToken);
    // Once expired, a request cannot get a token: it fails (offline) rather than going out anonymous.
    await expect(offline.accessToken()).rejects.toThrow();
    expect(offline.current()).not.toBeNull();
  }, 30_000);
});
