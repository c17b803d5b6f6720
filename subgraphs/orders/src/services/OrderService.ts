import type { Viewer } from '@supergraph/auth';
import { badUserInput, conflict, forbidden, notFound } from '@supergraph/errors';
import { encodeCursor, followEntity, inTransaction, isUniqueViolation, isUuid, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { CartItem } from '../entities/CartItem';
import { Order, type OrderStatus } from '../entities/Order';
import { OrderItem } from '../entities/OrderItem';
import { OrderStatusChange } from '../entities/OrderStatusChange';
import { statusChannel, type StatusChanged } from '../events';
import type { Loaders } from '../loaders';
import { canReadOrder, isSelfOrAdmin, requireViewer } from './access';
import { announceStatus } from './announcements';
import { lockCart } from './CartService';
import { cartWeight, requireCredit, resolveAddress } from './checkoutChecks';
import { canMove, transition } from './stateMachine';
import { decodeOrderCursor, parseCheckout, type CheckoutInput } from './validation';

/** A page of `User.orders`; the count runs only when the client selects `totalCount`. */
export interface OrderPage {
  edges: { cursor: string; node: Order }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

const MAX_REASON_LENGTH = 500;

/** Orders: reading with authorization, checkout, cancellation, and following an order live. */
export class OrderService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** The order if the caller may read it; NOT_FOUND otherwise, so that its existence is not revealed. */
  async order(id: string): Promise<Order> {
    requireViewer(this.viewer);
    const order = await this.loaders.orderById.load(id);
    if (!order || !canReadOrder(this.viewer, order)) throw notFound('Order not found', { id });
    return order;
  }

  /**
   * An order asked for by reference (`_entities`). The router sends the caller's identity with
   * it, so someone else's order resolves to null, exactly like one that does not exist.
   */
  async reference(id: string): Promise<Order | null> {
    const order = await this.loaders.orderById.load(id);
    return order && canReadOrder(this.viewer, order) ? order : null;
  }

  /** A customer's orders, newest first, with keyset pagination on (created_at, id). */
  async ordersOf(customerId: string, args: { first?: number | null; after?: string | null; status?: OrderStatus | null }): Promise<OrderPage> {
    const viewer = requireViewer(this.viewer);
    if (!isSelfOrAdmin(viewer, customerId)) throw forbidden("Only the customer and admins may list a customer's orders");
    const size = pageSize(args.first);
    const cursor = args.after ? decodeOrderCursor(args.after) : null;
    if (!isUuid(customerId)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: async () => 0 };

    const query = this.runtime.dataSource.getRepository(Order).createQueryBuilder('o').where('o.customer_id = :customerId', { customerId });
    if (args.status) query.andWhere('o.status = :status', { status: args.status });
    const count = query.clone();
    if (cursor) query.andWhere('(o.created_at, o.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: cursor.createdAt, id: cursor.id });
    // The cursor keeps PostgreSQL's microseconds: a JavaScript Date (milliseconds) would skip or repeat rows.
    query.addSelect(`to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at');
    const { entities, raw } = await query
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(size + 1)
      .getRawAndEntities();

    const edges = entities.slice(0, size).map((node, i) => {
      this.loaders.orderById.prime(node.id, node);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- TypeORM types raw rows as any; cursor_at is selected above
      return { cursor: encodeCursor(raw[i].cursor_at, node.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: entities.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: () => count.getCount(),
    };
  }

  /**
   * Places the cart as a PENDING order, in one transaction with its items, its first history row,
   * the emptied cart and the `orders.order.placed` event (with the address snapshot and weight).
   * The same idempotency key returns the order it first made, whatever the cart holds now, even
   * when identical requests race. Every check (address, payment choice, credit) comes first, so
   * bad input changes nothing.
   */
  async checkout(input: CheckoutInput): Promise<Order> {
    const viewer = requireViewer(this.viewer);
    const request = parseCheckout(input);
    const customerId = viewer.userId;
    const byKey = (manager: EntityManager) => manager.findOneBy(Order, { customerId, idempotencyKey: request.idempotencyKey });
    // A retry returns its order at once, even if the address it named has changed since.
    const earlier = await byKey(this.runtime.dataSource.manager);
    if (earlier) return earlier;
    const address = await resolveAddress(this.runtime.dataSource, customerId, request.addressId);
    const shipping = { addressId: address.addressId, line1: address.line1, city: address.city, postalCode: address.postalCode, country: address.country };
    try {
      const { order, placed } = await inTransaction(this.runtime.dataSource, async (manager) => {
        // Under the cart lock a racing twin waits here, then finds the order the first one made.
        await lockCart(manager, customerId);
        const existing = await byKey(manager);
        if (existing) return { order: existing, placed: false };
        const lines = await manager.find(CartItem, { where: { customerId }, order: { productId: 'ASC' } });
        if (lines.length === 0) throw badUserInput('The cart is empty', 'cart');
        const { weightGrams, catalogue } = await cartWeight(manager, lines);
        if (request.payment?.method === 'CREDIT_LINE') await requireCredit(manager, customerId, lines, catalogue);
        const order = await manager.save(
          manager.create(Order, {
            customerId,
            idempotencyKey: request.idempotencyKey,
            status: 'PENDING',
            paymentMethod: request.payment?.method ?? null,
            installments: request.payment?.method === 'CREDIT_LINE' ? request.payment.installments : null,
            cardToken: request.payment?.method === 'CARD' ? request.payment.cardToken : null,
            addressId: address.addressId,
            shipLine1: address.line1,
            shipCity: address.city,
            shipPostalCode: address.postalCode,
            shipCountry: address.country,
            weightGrams,
          }),
        );
        const items = lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
        await manager.insert(
          OrderItem,
          items.map((item) => ({ orderId: order.id, ...item })),
        );
        // `at` defaults to now(), the transaction's time, like the order's created_at.
        await manager.insert(OrderStatusChange, { orderId: order.id, from: null, to: 'PENDING', reason: null });
        await manager.delete(CartItem, { customerId });
        await this.runtime.emit(manager, 'orders.order.placed', { orderId: order.id, customerId, items, shipping, weightGrams });
        await this.runtime.emit(manager, 'orders.order.statusChanged', { orderId: order.id, customerId, from: null, to: 'PENDING', at: order.createdAt.toISOString() });
        return { order, placed: true };
      });
      if (placed) {
        this.runtime.eventsCommitted();
        announceStatus(this.runtime, order);
      }
      return order;
    } catch (error) {
      // The unique (customer_id, idempotency_key) index is the last word if the lock was bypassed.
      if (isUniqueViolation(error)) {
        const raced = await byKey(this.runtime.dataSource.manager);
        if (raced) return raced;
      }
      throw error;
    }
  }

  /**
   * Cancels from PENDING, CONFIRMED or PAID, telling products (stock back), payments (refund of
   * what was captured: the order then becomes REFUNDED) and delivery (drop the delivery) through
   * `orders.order.cancelled` in the same transaction.
   */
  async cancel(id: string, reason: string | null | undefined): Promise<Order> {
    const viewer = requireViewer(this.viewer);
    const text = reason?.trim() || null;
    if (text && text.length > MAX_REASON_LENGTH) throw badUserInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
    if (!isUuid(id)) throw notFound('Order not found', { id });
    const order = await inTransaction(this.runtime.dataSource, async (manager) => {
      const order = await manager.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order || !canReadOrder(viewer, order)) throw notFound('Order not found', { id });
      if (!isSelfOrAdmin(viewer, order.customerId)) throw forbidden('Only the customer and admins may cancel an order');
      if (!canMove(order.status, 'CANCELLED')) throw conflict(`An order that is ${order.status} cannot be cancelled`, { status: order.status });
      await transition(this.runtime, manager, order, 'CANCELLED', { reason: text ?? (viewer.userId === order.customerId ? 'Cancelled by the customer' : 'Cancelled by an admin') });
      await this.runtime.emit(manager, 'orders.order.cancelled', { orderId: order.id, customerId: order.customerId });
      return order;
    });
    this.runtime.eventsCommitted();
    announceStatus(this.runtime, order);
    this.loaders.orderById.clear(order.id).prime(order.id, order);
    return order;
  }

  /**
   * `orderStatusChanged`: authorized once, here; then the order as it stands and again after each
   * change. Listening starts before the first read, so no change can fall between the two.
   */
  async follow(orderId: string): Promise<AsyncIterableIterator<Order>> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(orderId)) throw badUserInput('orderId is not a valid id', 'orderId');
    const messages = this.runtime.pubsub.subscribe<StatusChanged>(statusChannel(orderId), { bufferSize: 100 });
    const load = () => this.runtime.dataSource.getRepository(Order).findOneBy({ id: orderId });
    try {
      const current = await load();
      // Missing or someone else's: the same answer, so that existence is not revealed.
      if (!current || !isSelfOrAdmin(viewer, current.customerId)) throw forbidden('Only the customer and admins may follow an order');
      // Statuses never repeat (the state machine has no cycles): the same status is a repeated
      // announcement, or a change the first event already showed.
      const reload = async () => {
        this.loaders.clearAll();
        return load();
      };
      return followEntity(current, messages, reload, (order, last) => order.status !== last.status);
    } catch (error) {
      await messages.return?.();
      throw error;
    }
  }
}
