import type { PayloadOf } from '@supergraph/contracts';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { Order, type OrderStatus } from '../entities/Order';
import { transition } from './stateMachine';

type Captured = PayloadOf<'payments.payment.captured'>;
type Failed = PayloadOf<'payments.payment.failed'>;
type Refunded = PayloadOf<'payments.payment.refunded'>;
type DeliveryMove = PayloadOf<'delivery.delivery.pickedUp'>;

/**
 * What orders does with payments' and delivery's news of a CONFIRMED order: PAID, PAYMENT_FAILED,
 * SHIPPED, DELIVERED, REFUNDED. Like the placement answers, each runs in the consumer's
 * transaction and returns the order it moved, or null for news that no longer fits the order's
 * state (a late or repeated event changes nothing and is logged).
 */
export class AfterConfirmation {
  constructor(private readonly runtime: SubgraphRuntime) {}

  captured(manager: EntityManager, payment: Captured) {
    return this.move(manager, payment.orderId, 'PAID', `Paid by ${payment.method === 'CARD' ? 'card' : 'credit line'}`);
  }

  /** The payment failed for good: PAYMENT_FAILED, and the reserved stock goes back through the cancel path. */
  async failed(manager: EntityManager, payment: Failed) {
    const order = await this.move(manager, payment.orderId, 'PAYMENT_FAILED', `Payment failed: ${payment.reason}`);
    if (order) await this.runtime.emit(manager, 'orders.order.cancelled', { orderId: order.id, customerId: order.customerId });
    return order;
  }

  /** Only a refund of the whole captured amount ends the order REFUNDED; a partial one changes no status. */
  refunded(manager: EntityManager, refund: Refunded) {
    if (!refund.fully) return Promise.resolve(null);
    return this.move(manager, refund.orderId, 'REFUNDED', 'Refunded in full');
  }

  pickedUp(manager: EntityManager, move: DeliveryMove) {
    return this.move(manager, move.orderId, 'SHIPPED', 'Picked up by the courier');
  }

  /**
   * Delivered. Topics are not ordered against each other, so the delivery may be heard of before
   * the pickup: the order then passes through SHIPPED first, keeping its history complete.
   */
  async delivered(manager: EntityManager, move: DeliveryMove) {
    const order = await this.lock(manager, move.orderId);
    if (!order) return null;
    if (order.status === 'PAID') await transition(this.runtime, manager, order, 'SHIPPED', { reason: 'Picked up by the courier' });
    return this.apply(manager, order, 'DELIVERED', 'Delivered');
  }

  private async move(manager: EntityManager, orderId: string, to: OrderStatus, reason: string) {
    const order = await this.lock(manager, orderId);
    return order ? this.apply(manager, order, to, reason) : null;
  }

  private async apply(manager: EntityManager, order: Order, to: OrderStatus, reason: string) {
    if (await transition(this.runtime, manager, order, to, { reason })) return order;
    this.runtime.logger.info('event does not fit the order; ignored', { orderId: order.id, status: order.status, to });
    return null;
  }

  private async lock(manager: EntityManager, orderId: string) {
    const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) this.runtime.logger.warn('event for an unknown order; ignored', { orderId });
    return order;
  }
}
