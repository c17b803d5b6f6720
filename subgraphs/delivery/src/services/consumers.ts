import type { Topic } from '@supergraph/contracts';
import type { DomainEvent, EventHandler, EventHandlers, EventOf, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { estimatedArrival, standInCoordinates } from '../domain/geo';
import { WEIGHT_LIMITS, areaOf, quote } from '../domain/zones';
import { Address } from '../entities/Address';
import { Courier } from '../entities/Courier';
import { Delivery } from '../entities/Delivery';
import { DeliveryStatusChange } from '../entities/DeliveryStatusChange';
import { ShippingQuote } from '../entities/ShippingQuote';
import { announce, assignWaiting, recordStatus, releaseCourier } from './moves';
import { sweeperOf } from './sweeper';

/** A new courier's capacity: open deliveries carried at once (a van's round, not a whole day's). */
export const DEFAULT_COURIER_CAPACITY = 3;

/** What a handler did, for `afterDeliveryEvent` to announce once its transaction committed. */
interface Outcome {
  moved: Delivery[];
  /** A courier may have room now: run an assignment pass in a transaction of its own. */
  wake: boolean;
}

const outcomes = new WeakMap<SubgraphRuntime, Map<string, Outcome>>();
function outcomesOf(runtime: SubgraphRuntime) {
  let map = outcomes.get(runtime);
  if (!map) outcomes.set(runtime, (map = new Map<string, Outcome>()));
  return map;
}

/**
 * The topics delivery consumes. The kit runs each handler in a transaction that also records the
 * event id (a redelivered event is skipped); the handlers are idempotent by state as well.
 */
export function deliveryConsumers(runtime: SubgraphRuntime): EventHandlers {
  const done = outcomesOf(runtime);

  function handler<T extends Topic>(handle: (manager: EntityManager, payload: EventOf<T>['payload']) => Promise<Partial<Outcome> | void>): EventHandler<T> {
    return async (event, manager) => {
      done.delete(event.id);
      const outcome = await handle(manager, event.payload);
      if (outcome) done.set(event.id, { moved: outcome.moved ?? [], wake: outcome.wake ?? false });
    };
  }

  return {
    // The roster: users with the role COURIER. A withdrawn role makes the courier inactive (never
    // chosen again); what they hold stays theirs until it closes.
    'users.user.upserted': handler<'users.user.upserted'>(async (manager, user) => {
      const isCourier = user.roles.includes('COURIER');
      const existing = await manager.findOneBy(Courier, { userId: user.userId });
      if (!existing) {
        if (!isCourier) return;
        await manager.insert(Courier, {
          userId: user.userId,
          name: user.name,
          active: true,
          capacity: DEFAULT_COURIER_CAPACITY,
          openDeliveries: 0,
          lastAssignedAt: null,
        });
        return { wake: true };
      }
      await manager.update(Courier, { userId: user.userId }, { name: user.name, active: isCourier });
      return { wake: isCourier && !existing.active };
    }),

    'users.address.upserted': handler<'users.address.upserted'>(async (manager, address) => {
      await manager.upsert(Address, { id: address.addressId, userId: address.userId, line1: address.line1, city: address.city, postalCode: address.postalCode, country: address.country }, ['id']);
    }),

    // Quotes a placed order by the zone of its address snapshot and its weight, and keeps the
    // destination for the delivery it becomes once paid.
    'orders.order.placed': handler<'orders.order.placed'>(async (manager, placed) => {
      if (await manager.existsBy(ShippingQuote, { orderId: placed.orderId })) return;
      const { shipping, weightGrams } = placed;
      const area = areaOf(shipping);
      const point = standInCoordinates({ ...shipping, id: shipping.addressId });
      const reason = !area
        ? `We do not deliver to ${shipping.postalCode}, ${shipping.country}: only to US ZIP codes, except military and Pacific island post offices`
        : weightGrams > WEIGHT_LIMITS.maxGrams
          ? `The order weighs ${weightGrams} g; one parcel carries at most ${WEIGHT_LIMITS.maxGrams} g`
          : null;
      const price = area && !reason ? quote(area.zone, weightGrams) : null;
      await manager.insert(ShippingQuote, {
        orderId: placed.orderId,
        customerId: placed.customerId,
        addressId: shipping.addressId,
        line1: shipping.line1,
        city: shipping.city,
        postalCode: shipping.postalCode,
        country: shipping.country,
        weightGrams,
        zone: price ? area!.zone : null,
        costAmount: price?.amount ?? null,
        currency: price?.currency ?? null,
        destLat: point?.lat ?? null,
        destLng: point?.lng ?? null,
        rejectedReason: reason,
        cancelled: false,
      });
      if (price) await runtime.emit(manager, 'delivery.shipping.quoted', { orderId: placed.orderId, zone: area!.zone, cost: price });
      else await runtime.emit(manager, 'delivery.shipping.rejected', { orderId: placed.orderId, reason: reason! });
    }),

    // Paid: the delivery is created and, if a courier has room, assigned in the same transaction.
    'payments.payment.captured': handler<'payments.payment.captured'>(async (manager, captured) => {
      if (await manager.existsBy(Delivery, { orderId: captured.orderId })) return;
      const quoted = await manager.findOneBy(ShippingQuote, { orderId: captured.orderId });
      if (!quoted || quoted.destLat === null || quoted.destLng === null || quoted.cancelled) {
        // Orders confirms only quoted orders and payments charges only confirmed ones, so this is
        // a bug or a cancelled order: nothing to drive to; operators see the log.
        runtime.logger.warn('payment captured for an order delivery cannot ship', { orderId: captured.orderId, quoted: !!quoted });
        return;
      }
      const destination = { lat: quoted.destLat, lng: quoted.destLng };
      const { identifiers } = await manager.insert(Delivery, {
        orderId: captured.orderId,
        customerId: quoted.customerId,
        courierId: null,
        status: 'PENDING',
        destLat: destination.lat,
        destLng: destination.lng,
        // No courier yet: from the depot, as if one left now.
        eta: estimatedArrival({ status: 'PENDING', lastPoint: null, destination }, new Date()),
      });
      const created = await manager.findOneByOrFail(Delivery, { id: identifiers[0].id as string });
      await manager.insert(DeliveryStatusChange, { deliveryId: created.id, from: null, to: 'PENDING', by: null, reason: null });
      const assigned = await assignWaiting(runtime, manager);
      const self = assigned.find((d) => d.id === created.id);
      return { moved: self ? assigned : [created, ...assigned] };
    }),

    // A cancelled order: a delivery not yet picked up is dropped and its courier freed; one on
    // the road goes on (what happens to the parcel is for operators). Before payment, the quote
    // is marked so that no delivery is made for it.
    'orders.order.cancelled': handler<'orders.order.cancelled'>(async (manager, cancelled) => {
      await manager.update(ShippingQuote, { orderId: cancelled.orderId }, { cancelled: true });
      const delivery = await manager.findOne(Delivery, { where: { orderId: cancelled.orderId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery || (delivery.status !== 'PENDING' && delivery.status !== 'ASSIGNED')) return;
      await releaseCourier(manager, delivery.courierId);
      const reason = 'order cancelled';
      const dropped = await recordStatus(runtime, manager, delivery, 'FAILED', { failureReason: reason, eta: null }, { by: null, reason });
      return { moved: [dropped], wake: dropped.courierId !== null };
    }),
  };
}

/** After a handler's transaction committed: announce what it moved, and look for waiting work. */
export function afterDeliveryEvent(runtime: SubgraphRuntime, event: DomainEvent) {
  const done = outcomesOf(runtime);
  const outcome = done.get(event.id);
  if (!outcome) return;
  done.delete(event.id);
  for (const delivery of outcome.moved) announce(runtime, delivery);
  if (outcome.wake) sweeperOf(runtime).wake();
}
