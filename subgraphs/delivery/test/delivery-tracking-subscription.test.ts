import { randomUUID } from 'node:crypto';
import { createClient, type Client as WsClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { Role } from '@supergraph/auth';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging, viewerHeaders } from '@supergraph/testkit';
import { Caller, deliveryRow, Peers, startDelivery } from './helpers';

/** `deliveryTracking` over graphql-ws, with the identity the router signs: the current state, then each change. */
describe('tracking a delivery live', () => {
  let delivery: RunningSubgraph;
  let messaging: Messaging;
  let peers: Peers;
  let courier: Caller;
  const clients: WsClient[] = [];

  const SUBSCRIPTION = `#graphql
    subscription Track($orderId: ID!) { deliveryTracking(orderId: $orderId) { id status courier { id } trackingPoints { lat lng } eta } }`;
  const MOVE = 'mutation($id: ID!, $status: DeliveryStatus!) { updateDeliveryStatus(id: $id, status: $status) { status } }';
  const LOCATE = 'mutation($id: ID!, $lat: Float!, $lng: Float!) { reportCourierLocation(deliveryId: $id, lat: $lat, lng: $lng) { id } }';

  function track(userId: string, roles: Role[], orderId: string) {
    const client = createClient({ url: `${delivery.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: viewerHeaders(userId, roles), retryAttempts: 0, lazy: true });
    clients.push(client);
    const state = { events: [] as FormattedExecutionResult<any, unknown>[], error: undefined as unknown, dispose: () => {} };
    state.dispose = client.subscribe({ query: SUBSCRIPTION, variables: { orderId } }, { next: (e) => void state.events.push(e), error: (e) => void (state.error = e), complete: () => {} });
    return state;
  }

  beforeAll(async () => {
    messaging = await testMessaging('delivery-live');
    ({ delivery } = await startDelivery({ messaging, databaseUrl: await testDatabaseUrl('delivery_live') }));
    peers = await Peers.start(messaging);
    courier = await peers.courier(delivery, 'Ann');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await peers?.stop();
    await delivery?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('sends the delivery as it stands, then each status change and location', async () => {
    const customer = randomUUID();
    const orderId = await peers.paidOrder(customer);
    const { id } = await eventually(async () => {
      const d = await deliveryRow(delivery, orderId);
      return d?.status === 'ASSIGNED' && d;
    });
    const sub = track(customer, ['CUSTOMER'], orderId);
    await eventually(async () => sub.events.length === 1, { message: 'the current state' });
    expect(sub.events[0].data?.deliveryTracking).toMatchObject({ id, status: 'ASSIGNED', courier: { id: courier.userId }, trackingPoints: [] });

    await courier.data(MOVE, { id, status: 'PICKED_UP' });
    await eventually(async () => sub.events.length === 2, { message: 'PICKED_UP' });
    await courier.data(LOCATE, { id, lat: 42.8, lng: -73.9 });
    await eventually(async () => sub.events.length === 3, { message: 'the location' });
    await courier.data(MOVE, { id, status: 'IN_TRANSIT' });
    await eventually(async () => sub.events.length === 4, { message: 'IN_TRANSIT' });
    expect(sub.events.map((e) => e.data?.deliveryTracking.status)).toEqual(['ASSIGNED', 'PICKED_UP', 'PICKED_UP', 'IN_TRANSIT']);
    expect(sub.events[2].data?.deliveryTracking.trackingPoints).toEqual([{ lat: 42.8, lng: -73.9 }]);
    expect(sub.error).toBeUndefined();
    sub.dispose();
  });

  it('waits for the delivery of an order not paid yet, then follows it from its creation', async () => {
    const customer = randomUUID();
    const orderId = await peers.place(customer);
    await eventually(async () => peers.emitted('delivery.shipping.quoted', orderId).length === 1);
    const sub = track(customer, ['CUSTOMER'], orderId);
    // Subscribed before the delivery exists: nothing yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events).toEqual([]);
    await peers.capture(orderId, customer);
    await eventually(async () => sub.events.length >= 1, { message: 'the new delivery' });
    expect(['PENDING', 'ASSIGNED']).toContain(sub.events[0].data?.deliveryTracking.status);
    sub.dispose();
  });

  it('lets the assigned courier, admins and operators follow it; refuses other customers and couriers, and unknown orders, with NOT_FOUND', async () => {
    const customer = randomUUID();
    const orderId = await peers.paidOrder(customer);
    await eventually(async () => (await deliveryRow(delivery, orderId))?.status === 'ASSIGNED');
    for (const [userId, roles] of [
      [courier.userId, ['COURIER']],
      [randomUUID(), ['ADMIN']],
      [randomUUID(), ['OPERATOR']],
    ] as [string, Role[]][]) {
      const sub = track(userId, roles, orderId);
      await eventually(async () => sub.events.length === 1, { message: `${roles[0]} to get the current state` });
      expect(sub.events[0].data?.deliveryTracking.status).toBe('ASSIGNED');
      sub.dispose();
    }
    for (const [userId, roles, target] of [
      [randomUUID(), ['CUSTOMER'], orderId],
      [randomUUID(), ['COURIER'], orderId],
      [customer, ['CUSTOMER'], randomUUID()],
    ] as [string, Role[], string][]) {
      const sub = track(userId, roles, target);
      await eventually(async () => sub.error !== undefined, { message: 'the refusal' });
      expect((sub.error as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(sub.events).toEqual([]);
    }
  });
});
