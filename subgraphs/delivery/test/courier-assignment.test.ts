import { randomUUID } from 'node:crypto';
import { inTransaction, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { assignWaiting } from '../src/services/moves';
import { deliveryRow, localAddress, Peers, startDelivery, type Caller } from './helpers';

/**
 * A captured payment becomes a delivery, given to the courier with the fewest open deliveries;
 * capacity holds when captures arrive at once on several instances sharing one database.
 */
describe('courier assignment', () => {
  const instances: RunningSubgraph[] = [];
  let delivery: RunningSubgraph;
  let messaging: Messaging;
  let peers: Peers;

  const MOVE = 'mutation($id: ID!, $status: DeliveryStatus!) { updateDeliveryStatus(id: $id, status: $status) { status } }';

  beforeEach(async () => {
    messaging = await testMessaging('delivery-assign');
    const databaseUrl = await testDatabaseUrl('delivery_assign');
    ({ delivery } = await startDelivery({ messaging, databaseUrl }));
    instances.push(delivery);
    // On PostgreSQL, two more instances in the same consumer group: captures are handled in parallel.
    if (databaseUrl) for (let i = 0; i < 2; i++) instances.push((await startDelivery({ messaging, databaseUrl })).delivery);
    peers = await Peers.start(messaging);
  });
  afterEach(async () => {
    await peers?.stop();
    await Promise.all(instances.splice(0).map((i) => i.close()));
    await messaging?.close();
    await cleanupTestResources();
  });

  const loads = async () =>
    Object.fromEntries(
      (
        await delivery.database.dataSource.query(
          `SELECT c.user_id, c.open_deliveries, (SELECT count(*)::int FROM delivery d WHERE d.courier_id = c.user_id AND d.status IN ('ASSIGNED', 'PICKED_UP', 'IN_TRANSIT')) AS counted FROM courier c`,
        )
      ).map((r: { user_id: string; open_deliveries: number; counted: number }) => [r.user_id, { open: r.open_deliveries, counted: r.counted }]),
    );

  async function deliver(courier: Caller, deliveryId: string) {
    for (const status of ['PICKED_UP', 'IN_TRANSIT', 'DELIVERED']) await courier.data(MOVE, { id: deliveryId, status });
  }

  it('creates the delivery on capture and gives it to the courier with the fewest open deliveries', async () => {
    const ann = await peers.courier(delivery, 'Ann', 'courier-a');
    const bob = await peers.courier(delivery, 'Bob', 'courier-b');
    const customer = randomUUID();
    const first = await peers.paidOrder(customer);
    const assignedRow = (orderId: string) =>
      eventually(async () => {
        const row = await deliveryRow(delivery, orderId);
        return row?.status === 'ASSIGNED' && row;
      });
    const one = await assignedRow(first);
    // Both empty and never assigned: the smaller id.
    expect(one).toMatchObject({ status: 'ASSIGNED', courier_id: ann.userId });
    const second = await peers.paidOrder(customer);
    expect((await assignedRow(second)).courier_id).toBe(bob.userId);
    await eventually(async () => peers.emitted('delivery.delivery.assigned', first).length === 1);
    expect(peers.emitted('delivery.delivery.assigned', first)[0].payload).toMatchObject({ orderId: first, customerId: customer, courierId: ann.userId, status: 'ASSIGNED' });
  });

  it('never exceeds a capacity: 10 captures at once for 2 couriers of 3 assign 6, the rest wait and go as deliveries complete', async () => {
    const couriers = [await peers.courier(delivery, 'Ann'), await peers.courier(delivery, 'Bob')];
    const customer = randomUUID();
    const orders: string[] = [];
    for (let i = 0; i < 10; i++) orders.push(await peers.place(customer, localAddress(customer)));
    await eventually(async () => orders.every((id) => peers.emitted('delivery.shipping.quoted', id).length === 1), { message: 'every quote' });
    await Promise.all(orders.map((id) => peers.capture(id, customer)));

    const statuses = async () => Promise.all(orders.map((id) => deliveryRow(delivery, id)));
    await eventually(async () => (await statuses()).every(Boolean), { message: 'ten deliveries' });
    // Let every instance finish its transactions: counts must settle where the capacity says.
    await eventually(async () => (await statuses()).filter((d) => d!.status === 'ASSIGNED').length === 6, { message: 'six assigned' });
    const rows = await statuses();
    expect(rows.filter((d) => d!.status === 'PENDING')).toHaveLength(4);
    const perCourier = await loads();
    for (const courier of couriers) expect(perCourier[courier.userId]).toEqual({ open: 3, counted: 3 });
    expect(peers.received.filter((e) => e.topic === 'delivery.delivery.assigned' && orders.includes(e.payload.orderId)).length).toBeLessThanOrEqual(6);

    // Ann delivers one: a waiting delivery goes to her at once, oldest first.
    const annsFirst = rows.find((d) => d!.courier_id === couriers[0].userId)!;
    const oldestWaiting = (
      await delivery.database.dataSource.query(`SELECT order_id FROM delivery WHERE status = 'PENDING' AND order_id = ANY($1::uuid[]) ORDER BY created_at, id LIMIT 1`, [orders])
    )[0].order_id;
    await deliver(couriers[0], annsFirst.id);
    await eventually(async () => (await deliveryRow(delivery, oldestWaiting))?.status === 'ASSIGNED', { message: 'the oldest waiting delivery assigned' });
    expect((await deliveryRow(delivery, oldestWaiting))?.courier_id).toBe(couriers[0].userId);
    expect((await statuses()).filter((d) => d!.status === 'PENDING')).toHaveLength(3);

    // A new courier joins: they take up to their capacity of what is waiting.
    const cy = await peers.courier(delivery, 'Cy');
    await eventually(async () => (await statuses()).filter((d) => d!.status === 'PENDING').length === 0, { message: 'the rest assigned to the new courier' });
    expect((await loads())[cy.userId]).toEqual({ open: 3, counted: 3 });
  });

  it('keeps capacity when many assignment passes run at once, each on its own waiting delivery', async () => {
    // Without couriers, ten paid orders wait.
    const customer = randomUUID();
    const orders: string[] = [];
    for (let i = 0; i < 10; i++) orders.push(await peers.paidOrder(customer));
    await eventually(async () => (await Promise.all(orders.map((id) => deliveryRow(delivery, id)))).every((d) => d?.status === 'PENDING'), { message: 'ten waiting' });
    // Two couriers join, unknown to the sweeper until it wakes: written straight into the roster.
    await delivery.database.dataSource.query(`INSERT INTO courier (user_id, name, active, capacity, open_deliveries) VALUES ('c-1', 'One', true, 3, 0), ('c-2', 'Two', true, 3, 0)`);
    // Ten passes at once, one delivery each: SKIP LOCKED hands each its own delivery, so all ten
    // choose among the same two couriers at the same moment; only the courier locks keep them apart.
    const runtime = delivery.runtime;
    const passes = await Promise.allSettled(orders.map(() => inTransaction(runtime.dataSource, (manager) => assignWaiting(runtime, manager, 1))));
    expect(passes.filter((p) => p.status === 'rejected')).toEqual([]);
    const rows = await Promise.all(orders.map((id) => deliveryRow(delivery, id)));
    expect(rows.filter((d) => d!.status === 'ASSIGNED')).toHaveLength(6);
    expect(await loads()).toEqual({ 'c-1': { open: 3, counted: 3 }, 'c-2': { open: 3, counted: 3 } });
  });

  it('creates one delivery however often the capture arrives', async () => {
    await peers.courier(delivery, 'Ann');
    const customer = randomUUID();
    const orderId = await peers.place(customer);
    await eventually(async () => peers.emitted('delivery.shipping.quoted', orderId).length === 1);
    const eventId = randomUUID();
    await peers.capture(orderId, customer, eventId);
    await peers.capture(orderId, customer, eventId);
    await peers.capture(orderId, customer);
    await eventually(async () => (await deliveryRow(delivery, orderId))?.status === 'ASSIGNED');
    const later = await peers.paidOrder(customer);
    await eventually(async () => (await deliveryRow(delivery, later))?.status === 'ASSIGNED');
    const rows = await delivery.database.dataSource.query('SELECT count(*)::int AS n FROM delivery WHERE order_id = $1', [orderId]);
    expect(rows[0].n).toBe(1);
    expect(peers.emitted('delivery.delivery.assigned', orderId)).toHaveLength(1);
    expect(Object.values(await loads())).toEqual([{ open: 2, counted: 2 }]);
  });

  it('waits PENDING without couriers, drops a cancelled order not yet picked up and frees its courier', async () => {
    const customer = randomUUID();
    const waiting = await peers.paidOrder(customer);
    await eventually(async () => (await deliveryRow(delivery, waiting))?.status === 'PENDING');
    await peers.publish('orders.order.cancelled', { orderId: waiting, customerId: customer });
    await eventually(async () => (await deliveryRow(delivery, waiting))?.status === 'FAILED', { message: 'the waiting delivery dropped' });

    const ann = await peers.courier(delivery, 'Ann');
    const assigned = await peers.paidOrder(customer);
    await eventually(async () => (await deliveryRow(delivery, assigned))?.status === 'ASSIGNED');
    expect((await loads())[ann.userId].open).toBe(1);
    await peers.publish('orders.order.cancelled', { orderId: assigned, customerId: customer });
    await eventually(async () => (await deliveryRow(delivery, assigned))?.status === 'FAILED', { message: 'the assigned delivery dropped' });
    expect((await loads())[ann.userId]).toEqual({ open: 0, counted: 0 });
    await eventually(async () => peers.emitted('delivery.delivery.failed', assigned).length === 1);
    expect(peers.emitted('delivery.delivery.failed', assigned)[0].payload).toMatchObject({ courierId: ann.userId, reason: 'order cancelled' });

    // Cancelled before it was paid: a late capture makes no delivery.
    const early = await peers.place(customer);
    await eventually(async () => peers.emitted('delivery.shipping.quoted', early).length === 1);
    await peers.publish('orders.order.cancelled', { orderId: early, customerId: customer });
    // (Instances handle events in parallel: the capture must not overtake the cancellation.)
    await eventually(async () => (await delivery.database.dataSource.query('SELECT 1 FROM shipping_quote WHERE order_id = $1 AND cancelled', [early])).length === 1);
    await peers.capture(early, customer);
    const after = await peers.paidOrder(customer);
    await eventually(async () => (await deliveryRow(delivery, after))?.status === 'ASSIGNED');
    expect(await deliveryRow(delivery, early)).toBeUndefined();
  });

  it('stops giving work to a courier whose role was withdrawn', async () => {
    const ann = await peers.courier(delivery, 'Ann', 'courier-a');
    await peers.courier(delivery, 'Bob', 'courier-b');
    await peers.publish('users.user.upserted', { userId: ann.userId, name: 'Ann', roles: ['CUSTOMER'] });
    await eventually(async () => (await delivery.database.dataSource.query('SELECT 1 FROM courier WHERE user_id = $1 AND NOT active', [ann.userId])).length === 1);
    const customer = randomUUID();
    for (let i = 0; i < 2; i++) {
      const orderId = await peers.paidOrder(customer);
      await eventually(async () => (await deliveryRow(delivery, orderId))?.status === 'ASSIGNED');
      expect((await deliveryRow(delivery, orderId))?.courier_id).toBe('courier-b');
    }
  });
});
