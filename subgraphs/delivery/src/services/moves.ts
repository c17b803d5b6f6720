import type { PayloadOf } from '@supergraph/contracts';
import { queryRows, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { planAssignments, type CourierLoad } from '../domain/assignment';
import { estimatedArrival } from '../domain/geo';
import { TOPIC_BY_STATUS, type DeliveryStatus } from '../domain/stateMachine';
import { Delivery } from '../entities/Delivery';
import { DeliveryStatusChange } from '../entities/DeliveryStatusChange';
import { TrackingPoint } from '../entities/TrackingPoint';
import { trackingChannel, type DeliveryChanged } from '../events';

/** How many waiting deliveries one assignment pass takes (the rest wait for the next pass). */
const ASSIGNMENT_BATCH = 50;

/** The courier's last reported point, or null before the first report (the ETA then starts at the depot). */
export async function lastPoint(manager: EntityManager, deliveryId: string) {
  const point = await manager.findOne(TrackingPoint, { where: { deliveryId }, order: { seq: 'DESC' } });
  return point ? { lat: point.lat, lng: point.lng } : null;
}

export async function etaOf(manager: EntityManager, delivery: Delivery, status: DeliveryStatus, now: Date) {
  return estimatedArrival({ status, lastPoint: await lastPoint(manager, delivery.id), destination: { lat: delivery.destLat, lng: delivery.destLng } }, now);
}

/**
 * Sets a delivery's status with its history row and, when the status has a topic, its event: all
 * in the caller's transaction, on a row the caller has locked.
 */
export async function recordStatus(
  runtime: SubgraphRuntime,
  manager: EntityManager,
  delivery: Delivery,
  to: DeliveryStatus,
  changes: Partial<Delivery>,
  { by, reason }: { by: string | null; reason?: string | null },
): Promise<Delivery> {
  const now = new Date();
  const from = delivery.status;
  Object.assign(delivery, changes, { status: to, updatedAt: now });
  await manager.update(Delivery, { id: delivery.id }, { ...changes, status: to, updatedAt: now });
  await manager.insert(DeliveryStatusChange, { deliveryId: delivery.id, from, to, by, reason: reason ?? null });
  const topic = TOPIC_BY_STATUS[to];
  if (topic) {
    const payload: PayloadOf<'delivery.delivery.assigned'> = {
      deliveryId: delivery.id,
      orderId: delivery.orderId,
      customerId: delivery.customerId,
      courierId: delivery.courierId,
      status: to,
      at: now.toISOString(),
    };
    if (to === 'FAILED' && reason) payload.reason = reason;
    await runtime.emit(manager, topic, payload);
  }
  return delivery;
}

/** A delivery that closed (or was dropped) no longer counts against its courier's capacity. */
export async function releaseCourier(manager: EntityManager, courierId: string | null) {
  if (!courierId) return;
  await manager.query('UPDATE courier SET open_deliveries = open_deliveries - 1 WHERE user_id = $1 AND open_deliveries > 0', [courierId]);
}

/**
 * Gives waiting deliveries to couriers with room, oldest first, in the caller's transaction
 * (docs/delivery.md, "Assignment"). The waiting deliveries are locked with SKIP LOCKED, so two
 * instances never take the same one and neither waits for the other; the couriers with room are
 * locked with a plain FOR UPDATE in id order (a skipped courier might have room, and the fixed
 * order avoids deadlocks), and PostgreSQL re-checks `open_deliveries < capacity` on the row it
 * waited for, so a courier another transaction just filled is left out. Loads are then read under
 * those locks until commit: two passes at once never push a courier past capacity.
 *
 * Returns the deliveries it assigned, to announce after the commit.
 */
export async function assignWaiting(runtime: SubgraphRuntime, manager: EntityManager, batch = ASSIGNMENT_BATCH): Promise<Delivery[]> {
  const waiting = await queryRows<{ id: string }>(manager, `SELECT id FROM delivery WHERE status = 'PENDING' ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batch]);
  if (!waiting.length) return [];
  const couriers = await queryRows<{ user_id: string; open_deliveries: number; capacity: number; last_assigned_at: Date | null }>(
    manager,
    'SELECT user_id, open_deliveries, capacity, last_assigned_at FROM courier WHERE active AND open_deliveries < capacity ORDER BY user_id FOR UPDATE',
  );
  const loads: CourierLoad[] = couriers.map((c) => ({
    id: c.user_id,
    openDeliveries: c.open_deliveries,
    capacity: c.capacity,
    available: true,
    lastAssignedAt: c.last_assigned_at,
  }));
  const now = new Date();
  const assigned: Delivery[] = [];
  for (const { deliveryId, courierId } of planAssignments(waiting, loads, now)) {
    const delivery = await manager.findOneByOrFail(Delivery, { id: deliveryId });
    await manager.query('UPDATE courier SET open_deliveries = open_deliveries + 1, last_assigned_at = $2 WHERE user_id = $1', [courierId, now]);
    delivery.courierId = courierId;
    const eta = await etaOf(manager, delivery, 'ASSIGNED', now);
    assigned.push(await recordStatus(runtime, manager, delivery, 'ASSIGNED', { courierId, eta }, { by: null }));
  }
  return assigned;
}

/**
 * Tells every delivery instance that a delivery changed, so that `deliveryTracking` subscribers
 * re-read it. Call only after the commit. Pub/sub is fire-and-forget: a lost message costs a live
 * update, never data, so a failure is logged and not raised.
 */
export function announce(runtime: SubgraphRuntime, delivery: Pick<Delivery, 'id' | 'orderId' | 'status'>) {
  runtime.pubsub
    .publish<DeliveryChanged>(trackingChannel(delivery.orderId), { orderId: delivery.orderId, deliveryId: delivery.id, status: delivery.status })
    .catch((error) => runtime.logger.warn('delivery announcement failed', { orderId: delivery.orderId, error: String(error) }));
}
