import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { Order } from '../entities/Order';
import { statusChannel, type StatusChanged } from '../events';

/**
 * Tells every orders instance that an order changed status, so that their `orderStatusChanged`
 * subscribers re-read it. Call only after the commit. Pub/sub is fire-and-forget: a lost message
 * costs a live update, never data, so a failure is logged and not raised.
 */
export function announceStatus(runtime: SubgraphRuntime, order: Pick<Order, 'id' | 'status'>) {
  runtime.pubsub
    .publish<StatusChanged>(statusChannel(order.id), { orderId: order.id, status: order.status })
    .catch((error) => runtime.logger.warn('status announcement failed', { orderId: order.id, error: String(error) }));
}

/**
 * Orders that an event handler moved, by event id, until the handler's transaction has committed
 * and `afterEvent` announces them. Kept per runtime because the kit hands consumers and
 * `afterEvent` the runtime, not a shared closure.
 */
const movedByEvent = new WeakMap<SubgraphRuntime, Map<string, Pick<Order, 'id' | 'status'>>>();

export function movedOrders(runtime: SubgraphRuntime) {
  let moved = movedByEvent.get(runtime);
  if (!moved) movedByEvent.set(runtime, (moved = new Map<string, Pick<Order, 'id' | 'status'>>()));
  return moved;
}
