// Orders' own pub/sub channel. Topics (what crosses services) are in @supergraph/contracts.

/** Pub/sub channel of an order's status changes: any orders instance publishes, every instance listens. */
export const statusChannel = (orderId: string) => `orders.order.statusChanged.${orderId}`;

/** What goes on `statusChannel`: subscribers re-read the order, so every event shows it as committed. */
export interface StatusChanged {
  orderId: string;
  status: string;
}
