import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { Order, type OrderStatus } from '../entities/Order';
import { OrderStatusChange } from '../entities/OrderStatusChange';

/**
 * Every legal move of an order; anything not listed is refused. The graph has no cycles, so an
 * order never returns to a status it left (subscribers rely on that to drop repeated announcements).
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  CONFIRMED: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  // A failed payment ends the order; its stock goes back through `orders.order.cancelled`.
  PAYMENT_FAILED: [],
  DELIVERED: ['REFUNDED'],
  // Payments refunds what it captured for a cancelled order; its `fully` refund lands here.
  CANCELLED: ['REFUNDED'],
  REJECTED: [],
  REFUNDED: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Moves `order` (read under a row lock in the caller's transaction) to `to`, with any column
 * `changes`, and appends the history row in the same transaction. Leaving PENDING erases the card
 * token: it is needed only to tell payments at confirmation. An illegal move changes nothing
 * and returns false: callers answer it with CONFLICT, event handlers ignore it. Every move also
 * emits `orders.order.statusChanged` in the same transaction (messaging tells the customer). After
 * the commit, call `announceStatus`.
 */
export async function transition(
  runtime: SubgraphRuntime,
  manager: EntityManager,
  order: Order,
  to: OrderStatus,
  { reason = null, changes = {} }: { reason?: string | null; changes?: Partial<Pick<Order, 'currency' | 'subtotal' | 'tax' | 'shippingCost' | 'total' | 'cardToken'>> } = {},
): Promise<boolean> {
  if (!canMove(order.status, to)) return false;
  const from = order.status;
  if (from === 'PENDING') changes = { ...changes, cardToken: null };
  const result = await manager
    .createQueryBuilder()
    .update(Order)
    .set({ ...changes, status: to })
    .where('id = :id', { id: order.id })
    .returning('updated_at')
    .execute();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- TypeORM types RETURNING rows as any
  const at: Date = result.raw[0].updated_at;
  await manager.insert(OrderStatusChange, { orderId: order.id, from, to, reason, at });
  await runtime.emit(manager, 'orders.order.statusChanged', { orderId: order.id, customerId: order.customerId, from, to, at: at.toISOString(), ...(reason ? { reason } : {}) });
  Object.assign(order, changes, { status: to, updatedAt: at });
  return true;
}
