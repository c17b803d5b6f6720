import type { OrderStatus } from '../entities/Order';

/** Every legal move of an order. Anything not listed is refused. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  CONFIRMED: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED'],
  PAYMENT_FAILED: ['CANCELLED'],
  DELIVERED: [],
  CANCELLED: [],
  REJECTED: [],
  REFUNDED: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses from which a customer may cancel. */
export const CANCELLABLE: readonly OrderStatus[] = (Object.keys(TRANSITIONS) as OrderStatus[]).filter((s) => canMove(s, 'CANCELLED'));
