// How an order's progress reads on a phone: one headline, a tone for its colour, and four steps
// that fill as orders (OrderStatus) and delivery (DeliveryStatus) move it along.

import type { DeliveryStatus, OrderStatus } from '@supergraph/client-core';

export type Tone = 'waiting' | 'moving' | 'done' | 'problem';

export interface OrderPresentation {
  headline: string;
  tone: Tone;
  /** Steps reached, 0 to 4, of STEPS; stays where it was when the order stopped (cancelled, failed). */
  reached: number;
  /** True once nothing will change any more: the app can stop following the order. */
  final: boolean;
}

export const STEPS = ['Placed', 'Paid', 'On its way', 'Delivered'] as const;

const BY_ORDER: Record<OrderStatus, OrderPresentation> = {
  PENDING: { headline: 'Checking stock and shipping', tone: 'waiting', reached: 1, final: false },
  CONFIRMED: { headline: 'Confirmed, awaiting payment', tone: 'waiting', reached: 1, final: false },
  PAID: { headline: 'Paid, preparing your parcel', tone: 'moving', reached: 2, final: false },
  SHIPPED: { headline: 'On its way', tone: 'moving', reached: 3, final: false },
  DELIVERED: { headline: 'Delivered', tone: 'done', reached: 4, final: true },
  CANCELLED: { headline: 'Cancelled', tone: 'problem', reached: 1, final: true },
  REJECTED: { headline: 'Could not be placed', tone: 'problem', reached: 1, final: true },
  PAYMENT_FAILED: { headline: 'Payment declined', tone: 'problem', reached: 1, final: true },
  REFUNDED: { headline: 'Refunded', tone: 'done', reached: 2, final: true },
};

// While the order says PAID or SHIPPED, the delivery knows more precisely where the parcel is.
const BY_DELIVERY: Partial<Record<DeliveryStatus, Pick<OrderPresentation, 'headline' | 'reached'>>> = {
  ASSIGNED: { headline: 'A courier will pick it up', reached: 2 },
  PICKED_UP: { headline: 'Picked up by the courier', reached: 3 },
  IN_TRANSIT: { headline: 'On its way to you', reached: 3 },
};

export function presentOrder(status: OrderStatus, deliveryStatus?: DeliveryStatus | null): OrderPresentation {
  const base = BY_ORDER[status];
  const refinement = (status === 'PAID' || status === 'SHIPPED') && deliveryStatus ? BY_DELIVERY[deliveryStatus] : undefined;
  if (deliveryStatus === 'FAILED' && !base.final) return { headline: 'Delivery failed', tone: 'problem', reached: base.reached, final: false };
  return refinement ? { ...base, ...refinement } : base;
}

/** "12 min" / "1 h 5 min" until the ETA; null without one or once it has passed. */
export function formatEta(eta: string | null | undefined, now = Date.now()): string | null {
  if (!eta) return null;
  const minutes = Math.round((Date.parse(eta) - now) / 60_000);
  if (!(minutes > 0)) return null;
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
