import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { DEPOT } from '../src/domain/zones';
import { Caller, DELIVERY_FIELDS, deliveryOf, deliveryRow, localAddress, Peers, startDelivery } from './helpers';

/** The assigned courier (or an admin) moves a delivery one legal step at a time, and reports where they are. */
describe('moving a delivery', () => {
  let delivery: RunningSubgraph;
  let messaging: Messaging;
  let peers: Peers;
  let courier: Caller;
  let otherCourier: Caller;

  const MOVE = `mutation($id: ID!, $status: DeliveryStatus!, $reason: String, $proof: String) {
    updateDeliveryStatus(id: $id, status: $status, reason: $reason, proofOfDelivery: $proof) { ${DELIVERY_FIELDS} } }`;
  const LOCATE = `mutation($id: ID!, $lat: Float!, $lng: Float!) { reportCourierLocation(deliveryId: $id, lat: $lat, lng: $lng) { ${DELIVERY_FIELDS} } }`;

  beforeAll(async () => {
    messaging = await testMessaging('delivery-moves');
    ({ delivery } = await startDelivery({ messaging, databaseUrl: await testDatabaseUrl('delivery_moves') }));
    peers = await Peers.start(messaging);
    // Capacity 3 each, and tests create several deliveries: plenty of couriers.
    courier = await peers.courier(delivery, 'Ann', 'a-courier');
    otherCourier = await peers.courier(delivery, 'Bob', 'b-courier');
    await delivery.database.dataSource.query('UPDATE courier SET capacity = 50');
  });
  afterAll(async () => {
    await peers?.stop();
    await delivery?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  /** A paid order's delivery, assigned; returns its customer and the courier who has it. */
  async function assignedDelivery() {
    const customer = new Caller(delivery);
    const orderId = await peers.paidOrder(customer.userId);
    const row = await eventually(async () => {
      const d = await deliveryRow(delivery, orderId);
      return d?.status === 'ASSIGNED' && d;
    });
    const holder = row.courier_id === courier.userId ? courier : otherCourier;
    const stranger = holder === courier ? otherCourier : courier;
    return { orderId, id: row.id, customer, holder, stranger };
  }

  it('goes ASSIGNED → PICKED_UP → IN_TRANSIT → DELIVERED, each move with its event', async () => {
    const { orderId, id, customer, holder } = await assignedDelivery();
    expect(await deliveryOf(customer, orderId)).toMatchObject({ id, status: 'ASSIGNED', courier: { id: holder.userId }, order: { id: orderId } });
    expect((await holder.data(MOVE, { id, status: 'PICKED_UP' })).updateDeliveryStatus.status).toBe('PICKED_UP');
    expect((await holder.data(MOVE, { id, status: 'IN_TRANSIT' })).updateDeliveryStatus.status).toBe('IN_TRANSIT');
    const done = (await holder.data(MOVE, { id, status: 'DELIVERED', proof: 'Signed by J. Doe' })).updateDeliveryStatus;
    expect(done).toMatchObject({ status: 'DELIVERED', proofOfDelivery: 'Signed by J. Doe', eta: null });
    expect(Date.parse(done.deliveredAt)).toBeGreaterThan(Date.now() - 60_000);

    await eventually(async () => peers.emitted('delivery.delivery.delivered', orderId).length === 1, { message: 'the delivered event' });
    const base = { deliveryId: id, orderId, customerId: customer.userId, courierId: holder.userId };
    expect(peers.emitted('delivery.delivery.assigned', orderId).map((e) => e.payload)).toEqual([expect.objectContaining({ ...base, status: 'ASSIGNED' })]);
    expect(peers.emitted('delivery.delivery.pickedUp', orderId).map((e) => e.payload)).toEqual([expect.objectContaining({ ...base, status: 'PICKED_UP' })]);
    expect(peers.emitted('delivery.delivery.delivered', orderId).map((e) => e.payload)).toEqual([expect.objectContaining({ ...base, status: 'DELIVERED' })]);
    // IN_TRANSIT has no topic: live tracking only.
    expect(peers.received.filter((e) => e.payload.orderId === orderId)).toHaveLength(1 + 3);
    const history = await delivery.database.dataSource.query('SELECT from_status, to_status, by_user FROM delivery_status_change WHERE delivery_id = $1 ORDER BY seq', [id]);
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['PENDING', 'ASSIGNED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED']);
    expect(history.at(-1).by_user).toBe(holder.userId);
  });

  it('refuses a skipped step, a way back, a repeat and a move after the end with CONFLICT, changing nothing', async () => {
    const { orderId, id, holder } = await assignedDelivery();
    expect(await holder.code(MOVE, { id, status: 'DELIVERED' })).toMatchObject({ code: 'CONFLICT' });
    expect(await holder.code(MOVE, { id, status: 'ASSIGNED' })).toMatchObject({ code: 'CONFLICT' });
    await holder.data(MOVE, { id, status: 'PICKED_UP' });
    for (const status of ['PICKED_UP', 'ASSIGNED', 'PENDING', 'DELIVERED']) expect(await holder.code(MOVE, { id, status })).toMatchObject({ code: 'CONFLICT' });
    const failed = (await holder.data(MOVE, { id, status: 'FAILED', reason: 'Nobody home, three times' })).updateDeliveryStatus;
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'Nobody home, three times', eta: null });
    for (const status of ['IN_TRANSIT', 'DELIVERED', 'FAILED']) expect(await holder.code(MOVE, { id, status })).toMatchObject({ code: 'CONFLICT' });
    expect((await deliveryRow(delivery, orderId))?.status).toBe('FAILED');
    await eventually(async () => peers.emitted('delivery.delivery.failed', orderId).length === 1);
    expect(peers.emitted('delivery.delivery.failed', orderId)[0].payload.reason).toBe('Nobody home, three times');
  });

  it('lets only the assigned courier or an admin move it: the customer and operators get FORBIDDEN, strangers NOT_FOUND', async () => {
    const { orderId, id, customer, holder, stranger } = await assignedDelivery();
    const operator = new Caller(delivery, randomUUID(), ['OPERATOR']);
    const admin = new Caller(delivery, randomUUID(), ['ADMIN']);
    const otherCustomer = new Caller(delivery);
    expect(await customer.code(MOVE, { id, status: 'PICKED_UP' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await operator.code(MOVE, { id, status: 'PICKED_UP' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stranger.code(MOVE, { id, status: 'PICKED_UP' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await otherCustomer.code(MOVE, { id, status: 'PICKED_UP' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await otherCustomer.code(MOVE, { id: randomUUID(), status: 'PICKED_UP' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await graphql(holder.url, MOVE, { id, status: 'PICKED_UP' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The holder's role withdrawn (as the router would sign it now): no rights left.
    expect(await new Caller(delivery, holder.userId, ['CUSTOMER']).code(MOVE, { id, status: 'PICKED_UP' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await deliveryRow(delivery, orderId))?.status).toBe('ASSIGNED');
    expect((await admin.data(MOVE, { id, status: 'PICKED_UP' })).updateDeliveryStatus.status).toBe('PICKED_UP');

    // Reading follows the same rules: another customer and another courier see no delivery.
    expect(await deliveryOf(otherCustomer, orderId)).toBeNull();
    expect(await deliveryOf(stranger, orderId)).toBeNull();
    expect(await deliveryOf(operator, orderId)).toMatchObject({ id, status: 'PICKED_UP' });
    const ref = await otherCustomer.data('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Delivery { id status } } }', {
      reps: [{ __typename: 'Delivery', id }],
    });
    expect(ref._entities).toEqual([null]);
  });

  it('takes locations from the assigned courier only, and the ETA falls as the courier approaches', async () => {
    const { orderId, id, customer, holder, stranger } = await assignedDelivery();
    const destination = (await delivery.database.dataSource.query('SELECT dest_lat, dest_lng FROM delivery WHERE id = $1', [id]))[0];
    const admin = new Caller(delivery, randomUUID(), ['ADMIN']);
    expect(await admin.code(LOCATE, { id, lat: DEPOT.lat, lng: DEPOT.lng })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await customer.code(LOCATE, { id, lat: DEPOT.lat, lng: DEPOT.lng })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stranger.code(LOCATE, { id, lat: DEPOT.lat, lng: DEPOT.lng })).toMatchObject({ code: 'NOT_FOUND' });

    const atDepot = (await holder.data(LOCATE, { id, lat: DEPOT.lat, lng: DEPOT.lng })).reportCourierLocation;
    await holder.data(MOVE, { id, status: 'PICKED_UP' });
    await holder.data(MOVE, { id, status: 'IN_TRANSIT' });
    // Halfway, then at the door: each report brings the arrival closer.
    const halfway = { lat: (DEPOT.lat + destination.dest_lat) / 2, lng: (DEPOT.lng + destination.dest_lng) / 2 };
    const midway = (await holder.data(LOCATE, { id, ...halfway })).reportCourierLocation;
    const atDoor = (await holder.data(LOCATE, { id, lat: destination.dest_lat, lng: destination.dest_lng })).reportCourierLocation;
    const etas = [atDepot, midway, atDoor].map((d) => Date.parse(d.eta));
    expect(etas[1]).toBeLessThan(etas[0]);
    expect(etas[2]).toBeLessThan(etas[1]);
    expect(Math.abs(etas[2] - Date.now())).toBeLessThan(5_000);
    expect(atDoor.trackingPoints.map(({ lat, lng }: { lat: number; lng: number }) => ({ lat, lng }))).toEqual([
      { lat: DEPOT.lat, lng: DEPOT.lng },
      halfway,
      { lat: destination.dest_lat, lng: destination.dest_lng },
    ]);
    expect((await deliveryOf(customer, orderId)).trackingPoints).toHaveLength(3);

    await holder.data(MOVE, { id, status: 'DELIVERED' });
    expect(await holder.code(LOCATE, { id, lat: 1, lng: 1 })).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses bad input on every mutation with BAD_USER_INPUT on the field, changing nothing', async () => {
    const { orderId, id, holder } = await assignedDelivery();
    const cases: [string, Record<string, unknown>, string][] = [
      [MOVE, { id: 'not-an-id', status: 'PICKED_UP' }, 'id'],
      [MOVE, { id, status: 'PICKED_UP', reason: 'because' }, 'reason'],
      [MOVE, { id, status: 'PICKED_UP', proof: 'photo-1' }, 'proofOfDelivery'],
      [MOVE, { id, status: 'FAILED', reason: '   ' }, 'reason'],
      [MOVE, { id, status: 'FAILED', reason: 'x'.repeat(1001) }, 'reason'],
      [LOCATE, { id: 'nope', lat: 0, lng: 0 }, 'deliveryId'],
      [LOCATE, { id, lat: 90.0001, lng: 0 }, 'lat'],
      [LOCATE, { id, lat: -91, lng: 0 }, 'lat'],
      [LOCATE, { id, lat: 0, lng: 180.5 }, 'lng'],
      [LOCATE, { id, lat: 0, lng: -181 }, 'lng'],
    ];
    for (const [query, variables, field] of cases) {
      expect({ variables, ...(await holder.code(query, variables)) }).toMatchObject({ variables, code: 'BAD_USER_INPUT', field });
    }
    expect((await deliveryRow(delivery, orderId))?.status).toBe('ASSIGNED');
    const points = await delivery.database.dataSource.query('SELECT count(*)::int AS n FROM tracking_point WHERE delivery_id = $1', [id]);
    expect(points[0].n).toBe(0);
  });

  it("lists a courier's own deliveries, open ones first, to couriers only", async () => {
    const { id, holder, customer } = await assignedDelivery();
    const LIST = 'query($status: DeliveryStatus) { courierDeliveries(status: $status) { id status } }';
    const mine = (await holder.data(LIST)).courierDeliveries;
    expect(mine.map((d: { id: string }) => d.id)).toContain(id);
    const firstClosed = mine.findIndex((d: { status: string }) => d.status === 'DELIVERED' || d.status === 'FAILED');
    if (firstClosed >= 0) expect(mine.slice(firstClosed).every((d: { status: string }) => d.status === 'DELIVERED' || d.status === 'FAILED')).toBe(true);
    const assigned = (await holder.data(LIST, { status: 'ASSIGNED' })).courierDeliveries;
    expect(assigned.every((d: { status: string }) => d.status === 'ASSIGNED')).toBe(true);
    expect(assigned.map((d: { id: string }) => d.id)).toContain(id);
    const other = holder === courier ? otherCourier : courier;
    expect((await other.data(LIST)).courierDeliveries.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(await customer.code(LIST)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('batches Order.delivery and Delivery references: one query for many orders', async () => {
    const admin = new Caller(delivery, randomUUID(), ['ADMIN']);
    const orders = [(await assignedDelivery()).orderId, (await assignedDelivery()).orderId, (await assignedDelivery()).orderId];
    const before = delivery.database.queryCount;
    const res = await admin.data('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id delivery { id status } } } }', {
      reps: orders.map((id) => ({ __typename: 'Order', id })),
    });
    expect(res._entities.map((o: { delivery: { status: string } }) => o.delivery.status)).toEqual(['ASSIGNED', 'ASSIGNED', 'ASSIGNED']);
    expect(delivery.database.queryCount - before).toBe(1);
    // An order not paid yet has no delivery.
    const unpaid = await peers.place(randomUUID(), localAddress(randomUUID()));
    expect(await deliveryOf(admin, unpaid)).toBeNull();
  });
});
