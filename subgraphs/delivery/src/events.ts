// Delivery's own pub/sub channel. Topics (what crosses services) are in @supergraph/contracts.

/** Pub/sub channel of an order's delivery: every status change and reported location, from any instance. */
export const trackingChannel = (orderId: string) => `delivery.delivery.changed.${orderId}`;

/** What goes on `trackingChannel`: subscribers re-read the delivery, so every event shows it as committed. */
export interface DeliveryChanged {
  orderId: string;
  deliveryId: string;
  status: string;
}
