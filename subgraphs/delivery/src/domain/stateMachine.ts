import { conflict } from '@supergraph/errors';

export const DELIVERY_STATUSES = ['PENDING', 'ASSIGNED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Who makes a move: `system` is the assignment (on `payment.captured` or when a courier frees up), `courier` a person (the assigned courier or an admin; access.ts decides which). */
export type Mover = 'system' | 'courier';

/**
 * Every legal move of a delivery and who makes it; anything not listed is refused. The graph has
 * no cycles, so a delivery never returns to a status it left: a repeated request or a redelivered
 * event is a CONFLICT or a no-op, never a second pick-up. FAILED is reachable until delivery
 * (parcel damaged, address unreachable, recipient refused); what follows a failure (a new delivery,
 * a refund) is a decision for operators, not a move of this one.
 */
export const TRANSITIONS: Readonly<Record<DeliveryStatus, Readonly<Partial<Record<DeliveryStatus, Mover>>>>> = {
  PENDING: { ASSIGNED: 'system' },
  ASSIGNED: { PICKED_UP: 'courier', FAILED: 'courier' },
  PICKED_UP: { IN_TRANSIT: 'courier', FAILED: 'courier' },
  IN_TRANSIT: { DELIVERED: 'courier', FAILED: 'courier' },
  DELIVERED: {},
  FAILED: {},
};

export function canTransition(from: DeliveryStatus, to: DeliveryStatus, by: Mover): boolean {
  return TRANSITIONS[from][to] === by;
}

/** Throws CONFLICT (with `from` and `to`) unless `by` may move a delivery from `from` to `to`. */
export function requireTransition(from: DeliveryStatus, to: DeliveryStatus, by: Mover): void {
  if (canTransition(from, to, by)) return;
  const message = TRANSITIONS[from][to] === 'system' ? `A delivery becomes ${to} by assignment, not by hand` : `A delivery cannot go from ${from} to ${to}`;
  throw conflict(message, { from, to });
}

/** Courier locations are taken only while the courier has the delivery in hand or on the way to it. */
export function acceptsLocation(status: DeliveryStatus): boolean {
  return status === 'ASSIGNED' || status === 'PICKED_UP' || status === 'IN_TRANSIT';
}

export function requireAcceptsLocation(status: DeliveryStatus): void {
  if (!acceptsLocation(status)) throw conflict(`A ${status} delivery takes no location reports`, { status });
}

/**
 * Topics delivery emits (`<subgraph>.<entity>.<event>`), one per status that others act on:
 * orders moves its order to SHIPPED on `pickedUp` and to DELIVERED on `delivered`; messaging tells
 * the customer about each. IN_TRANSIT emits nothing: it only changes what live tracking shows
 * (pub/sub), and no other domain acts on it. PENDING is the starting status, not a move.
 */
export const DeliveryTopics = {
  assigned: 'delivery.delivery.assigned',
  pickedUp: 'delivery.delivery.pickedUp',
  delivered: 'delivery.delivery.delivered',
  failed: 'delivery.delivery.failed',
} as const;
export type DeliveryTopic = (typeof DeliveryTopics)[keyof typeof DeliveryTopics];

export const TOPIC_BY_STATUS: Readonly<Partial<Record<DeliveryStatus, DeliveryTopic>>> = {
  ASSIGNED: DeliveryTopics.assigned,
  PICKED_UP: DeliveryTopics.pickedUp,
  DELIVERED: DeliveryTopics.delivered,
  FAILED: DeliveryTopics.failed,
};

/** The payload of every delivery topic; `at` is when the move was committed (ISO 8601). */
export interface DeliveryStatusEvent {
  deliveryId: string;
  orderId: string;
  customerId: string;
  courierId: string;
  status: DeliveryStatus;
  at: string;
  /** Only on `failed`: what the courier gave as the reason. */
  reason?: string;
}

export interface MovedDelivery {
  id: string;
  orderId: string;
  customerId: string;
  courierId: string | null;
}

/** The event to emit (in the move's transaction) for a delivery that has just reached `status`, or null when none is due. */
export function eventFor(delivery: MovedDelivery, status: DeliveryStatus, at: Date, reason?: string | null): { topic: DeliveryTopic; payload: DeliveryStatusEvent } | null {
  const topic = TOPIC_BY_STATUS[status];
  if (!topic) return null;
  // Every status with a topic comes after assignment, so a missing courier is a bug, not input.
  if (!delivery.courierId) throw new Error(`Delivery ${delivery.id} reached ${status} without a courier`);
  const payload: DeliveryStatusEvent = {
    deliveryId: delivery.id,
    orderId: delivery.orderId,
    customerId: delivery.customerId,
    courierId: delivery.courierId,
    status,
    at: at.toISOString(),
  };
  if (status === 'FAILED' && reason) payload.reason = reason;
  return { topic, payload };
}
