import { hasRole, type Viewer } from '@supergraph/auth';
import { badUserInput, conflict, forbidden, notFound } from '@supergraph/errors';
import { inTransaction, isUniqueViolation, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { CartItem } from '../entities/CartItem';
import { Order, type OrderStatus, type PaymentMethod } from '../entities/Order';
import { OrderItem } from '../entities/OrderItem';
import { OrderStatusChange } from '../entities/OrderStatusChange';
import { OrderTopics, statusChannel, type OrderCancelled, type OrderPlaced } from '../events';
import type { Loaders } from '../loaders';
import { requireCustomer } from './CartService';
import { canMove, CANCELLABLE } from './stateMachine';
import { decodeCursor, encodeCursor, isUuid, pageSize } from './validation';

export interface CheckoutInput {
  idempotencyKey: string;
  addressId?: string | null;
  paymentMethod?: PaymentMethod | null;
  cardToken?: string | null;
  installments?: number | null;
}

/** Who may read an order: its customer, admins, operators. */
export function canRead(viewer: Viewer | null, order: Order): boolean {
  return !!viewer && (viewer.userId === order.customerId || hasRole(viewer, 'ADMIN', 'OPERATOR'));
}

/**
 * Moves an order to `to` inside `manager`'s transaction, recording the change. Returns false (and
 * changes nothing) for an illegal move, which event handlers treat as "already handled".
 */
export async function transition(manager: EntityManager, order: Order, to: OrderStatus, reason: string | null = null, changes: Partial<Order> = {}): Promise<boolean> {
  if (!canMove(order.status, to)) return false;
  const from = order.status;
  Object.assign(order, changes, { status: to });
  await manager.update(Order, order.id, { ...changes, status: to, updatedAt: new Date() });
  await manager.insert(OrderStatusChange, { orderId: order.id, from, to, reason });
  return true;
}

/** After the commit: every instance's subscribers of this order hear of it. */
export function announceStatus(runtime: SubgraphRuntime, orderId: string) {
  runtime.pubsub.publish(statusChannel(orderId), { orderId }).catch((error) => runtime.logger.warn('status publish failed', { orderId, error }));
}

export class OrderService {
  constructor(private readonly runtime: SubgraphRuntime, private readonly loaders: Loaders, private readonly viewer: Viewer | null) {}

  /** The order if the caller may see it; NOT_FOUND otherwise, so that existence is not revealed. */
  async order(id: string): Promise<Order> {
    const order = isUuid(id) ? await this.loaders.orderById.load(id) : null;
    if (!order || !canRead(this.viewer, order)) throw notFound('Order not found', { id });
    return order;
  }

  async ordersOf(userId: string, first: number | null | undefined, after: string | null | undefined, status: OrderStatus | null | undefined) {
    const viewer = requireCustomer(this.viewer);
    if (viewer.userId !== userId && !hasRole(viewer, 'ADMIN', 'OPERATOR')) throw forbidden("Only the customer may list their orders");
    const size = pageSize(first);
    const query = this.runtime.dataSource.getRepository(Order).createQueryBuilder('o').where('o.customer_id = :userId', { userId });
    if (status) query.andWhere('o.status = :status', { status });
    const count = query.clone();
    if (after) {
      const [at, id] = decodeCursor(after);
      query.andWhere("(date_trunc('milliseconds', o.created_at), o.id) < (:at, :id)", { at, id });
    }
    const rows = await query.orderBy("date_trunc('milliseconds', o.created_at)", 'DESC').addOrderBy('o.id', 'DESC').limit(size + 1).getMany();
    const nodes = rows.slice(0, size);
    for (const node of nodes) this.loaders.orderById.prime(node.id, node);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node.createdAt.toISOString(), node.id), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: () => count.getCount() };
  }

  /**
   * Places the cart as a PENDING order with its `orders.order.placed` event, in one transaction.
   * The same idempotency key returns the order it first made, even when two requests race.
   */
  async checkout(input: CheckoutInput): Promise<Order> {
    const viewer = requireCustomer(this.viewer);
    const key = input.idempotencyKey?.trim() ?? '';
    if (key.length < 8 || key.length > 100) throw badUserInput('idempotencyKey must be 8 to 100 characters', 'input.idempotencyKey');
    const paymentMethod = input.paymentMethod ?? 'CARD';
    if (input.installments != null) {
      if (paymentMethod !== 'CREDIT_LINE') throw badUserInput('Installments are only for CREDIT_LINE', 'input.installments');
      if (![3, 6, 12].includes(input.installments)) throw badUserInput('installments must be 3, 6 or 12', 'input.installments');
    }
    if (input.addressId != null && !isUuid(input.addressId)) throw badUserInput('addressId is not a valid id', 'input.addressId');
    const existing = await this.byKey(viewer.userId, key);
    if (existing) return existing;
    try {
      const order = await inTransaction(this.runtime.dataSource, async (manager) => {
        const lines = await manager.find(CartItem, { where: { customerId: viewer.userId }, lock: { mode: 'pessimistic_write' } });
        if (lines.length === 0) throw badUserInput('The cart is empty', 'cart');
        const order = await manager.save(
          manager.create(Order, {
            customerId: viewer.userId,
            idempotencyKey: key,
            status: 'PENDING',
            paymentMethod,
            installments: input.installments ?? null,
            addressId: input.addressId ?? null,
          }),
        );
        await manager.insert(OrderItem, lines.map((l) => ({ orderId: order.id, productId: l.productId, quantity: l.quantity })));
        await manager.insert(OrderStatusChange, { orderId: order.id, from: null, to: 'PENDING', reason: null });
        await manager.delete(CartItem, { customerId: viewer.userId });
        await this.runtime.emit<OrderPlaced>(manager, OrderTopics.placed, {
          orderId: order.id,
          customerId: viewer.userId,
          items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        });
        return order;
      });
      this.runtime.eventsCommitted();
      announceStatus(this.runtime, order.id);
      return order;
    } catch (error) {
      if (isUniqueViolation(error)) {
        const raced = await this.byKey(viewer.userId, key);
        if (raced) return raced;
      }
      throw error;
    }
  }

  async cancel(id: string, reason: string | null | undefined): Promise<Order> {
    const viewer = requireCustomer(this.viewer);
    const text = reason?.trim().slice(0, 500) || 'Cancelled by the customer';
    const order = await inTransaction(this.runtime.dataSource, async (manager) => {
      const order = isUuid(id) ? await manager.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!order || (order.customerId !== viewer.userId && !hasRole(viewer, 'ADMIN'))) throw notFound('Order not found', { id });
      if (!CANCELLABLE.includes(order.status)) throw conflict(`An order that is ${order.status} cannot be cancelled`, { status: order.status });
      await transition(manager, order, 'CANCELLED', text);
      await this.runtime.emit<OrderCancelled>(manager, OrderTopics.cancelled, { orderId: order.id, customerId: order.customerId });
      return order;
    });
    this.runtime.eventsCommitted();
    announceStatus(this.runtime, order.id);
    return order;
  }

  private byKey(customerId: string, idempotencyKey: string) {
    return this.runtime.dataSource.getRepository(Order).findOneBy({ customerId, idempotencyKey });
  }
}
