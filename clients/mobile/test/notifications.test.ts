// The inbox's cache logic (src/data/notifications.ts) with the app's own Apollo Client against the
// whole supergraph (PostgreSQL and Redis when they answer): notificationAdded after a checkout
// puts the order's notifications at the top of the cached inbox and raises the unread count in
// step with the server, a repeated one changes nothing, a tap marks one read on the server and
// lowers the count, and "load more" extends the cached page with the server's next one.
import WebSocket from 'ws';
import { eventually, graphql } from '@supergraph/testkit';
import { startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import {
  createApolloClient,
  createSession,
  fetchRefresh,
  addNotification,
  memoryStorage,
  NotificationAddedDocument,
  NotificationsDocument,
  UnreadCountsDocument,
  type NotificationFieldsFragment,
  type Session,
  type SupergraphClient,
} from '@supergraph/client-core';
import { markRead } from '../src/data/notifications';

const PASSWORD = 'Demo-Password-1';
const INBOX = 'query($unreadOnly: Boolean) { notifications(unreadOnly: $unreadOnly, first: 50) { totalCount edges { node { id read order { id } } } } me { unreadNotificationCount } }';

let supergraph: TestSupergraph;
let client: SupergraphClient;
let session: Session;
let headers: Record<string, string>;
let viewerId: string;
const stops: (() => void)[] = [];

beforeAll(async () => {
  supergraph = await startTestSupergraph();
  const { data } = await graphql(supergraph.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresIn user { id name email roles } } }', {
    input: { email: 'customer@example.com', password: PASSWORD },
  });
  viewerId = data.login.user.id as string;
  headers = { authorization: `Bearer ${data.login.accessToken}` };
  session = createSession({ storage: memoryStorage(), refresh: fetchRefresh(supergraph.url) });
  await session.signIn(data.login);
  client = createApolloClient({ httpUrl: supergraph.url, wsUrl: supergraph.url.replace(/^http/, 'ws'), session, webSocketImpl: WebSocket });
}, 120_000);

afterAll(async () => {
  stops.forEach((stop) => stop());
  client?.close();
  session?.dispose();
  await supergraph?.close();
});

async function server(unreadOnly = false) {
  const { data, errors } = await graphql(supergraph.url, INBOX, { unreadOnly }, headers);
  expect(errors).toBeUndefined();
  return {
    ids: data.notifications.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[],
    totalCount: data.notifications.totalCount as number,
    unread: data.me.unreadNotificationCount as number,
    edges: data.notifications.edges,
  };
}

const cachedInbox = (unreadOnly: boolean) => client.readQuery({ query: NotificationsDocument, variables: { unreadOnly, first: 20 } })?.notifications;
const cachedUnread = () => client.readQuery({ query: UnreadCountsDocument })?.me?.unreadNotificationCount;

async function checkout(): Promise<string> {
  const { data: products } = await graphql(supergraph.url, 'query { products(first: 1, filter: { inStock: true }) { edges { node { id } } } }', {}, headers);
  await graphql(supergraph.url, 'mutation($id: ID!) { addToCart(productId: $id, quantity: 1) { itemCount } }', { id: products.products.edges[0].node.id }, headers);
  const key = `mobile-inbox-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const { data, errors } = await graphql(
    supergraph.url,
    'mutation($input: CheckoutInput!) { checkout(input: $input) { id } }',
    { input: { idempotencyKey: key, paymentMethod: 'CARD', cardToken: 'tok_visa' } },
    headers,
  );
  expect(errors).toBeUndefined();
  return data.checkout.id as string;
}

it('puts live notifications at the top of the cached inbox and counts them once, as the server does', async () => {
  await client.query({ query: UnreadCountsDocument });
  await client.query({ query: NotificationsDocument, variables: { unreadOnly: false, first: 20 } });
  await client.query({ query: NotificationsDocument, variables: { unreadOnly: true, first: 20 } });
  const before = await server();
  expect(cachedUnread()).toBe(before.unread);

  const received: NotificationFieldsFragment[] = [];
  const feed = client.subscribe({ query: NotificationAddedDocument }).subscribe(({ data }) => {
    if (!data) return;
    received.push(data.notificationAdded);
    addNotification(client.cache, data.notificationAdded, viewerId);
  });
  stops.push(() => feed.unsubscribe());
  // The socket is open and authenticated once messaging sees the viewer online (the router reports it).
  await eventually(async () => (await graphql(supergraph.url, 'query { me { presence { status } } }', {}, headers)).data?.me?.presence?.status === 'ONLINE', { message: 'the socket to open' });
  await new Promise((resolve) => setTimeout(resolve, 500));

  const orderId = await checkout();
  // Placed, paid, then a courier assigned: each arrives live, about this order.
  await eventually(async () => received.some((n) => n.kind === 'DELIVERY_ASSIGNED' && n.order?.id === orderId), { timeoutMs: 30_000, message: "the order's notifications to arrive live" });
  expect(received.filter((n) => n.kind === 'ORDER_STATUS' && n.order?.id === orderId).length).toBeGreaterThanOrEqual(2);
  const after = await eventually(
    async () => {
      const now = await server();
      return now.ids.slice(0, received.length).every((id) => received.some((n) => n.id === id)) && now.totalCount === before.totalCount + received.length && now;
    },
    { message: 'the server to hold what arrived' },
  );
  expect(cachedUnread()).toBe(after.unread);
  expect(cachedUnread()).toBe(before.unread + received.length);
  expect(cachedInbox(false)?.totalCount).toBe(after.totalCount);
  expect(
    cachedInbox(false)
      ?.edges.map((edge) => edge.node.id)
      .slice(0, received.length),
  ).toEqual([...received].reverse().map((n) => n.id));
  expect(cachedInbox(true)?.edges[0].node.id).toBe(received.at(-1)!.id);

  // Told twice (a refetch brought it first, a resubscription repeated it): nothing changes.
  addNotification(client.cache, received[0], viewerId);
  expect(cachedUnread()).toBe(after.unread);
  expect(cachedInbox(false)?.edges.filter((edge) => edge.node.id === received[0].id)).toHaveLength(1);
}, 60_000);

it('marks one read on the server, in the cache and in the unread count', async () => {
  const newest = cachedInbox(false)!.edges[0].node;
  expect(newest.read).toBe(false);
  const before = await server();
  await markRead(client, newest, viewerId);
  const after = await server(true);
  expect(after.ids).not.toContain(newest.id);
  expect(after.unread).toBe(before.unread - 1);
  expect(cachedUnread()).toBe(after.unread);
  expect(cachedInbox(false)!.edges[0].node).toMatchObject({ id: newest.id, read: true });
  expect(cachedInbox(false)!.edges[0].node.readAt).not.toBeNull();
});

it('extends the cached page with the next one on "load more"', async () => {
  const all = await server();
  expect(all.totalCount).toBeGreaterThanOrEqual(3);
  const query = client.watchQuery({ query: NotificationsDocument, variables: { unreadOnly: false, first: 2 }, fetchPolicy: 'network-only' });
  const first = await query.refetch();
  expect(first.data?.notifications.edges.map((edge) => edge.node.id)).toEqual(all.ids.slice(0, 2));
  await query.fetchMore({ variables: { after: first.data!.notifications.pageInfo.endCursor } });
  const merged = client.readQuery({ query: NotificationsDocument, variables: { unreadOnly: false, first: 2 } })!.notifications;
  expect(merged.edges.map((edge) => edge.node.id)).toEqual(all.ids.slice(0, 4));
  expect(merged.pageInfo.hasNextPage).toBe(all.totalCount > 4);
});
