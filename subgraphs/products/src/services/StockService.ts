import type { DomainEvent, EventHandler, SubgraphRuntime } from '@supergraph/service-kit';
import { In, type EntityManager } from 'typeorm';
import { Product } from '../entities/Product';
import { StockReservation } from '../entities/StockReservation';
import {
  OrderTopics,
  orderCancelledSchema,
  orderPlacedSchema,
  ProductTopics,
  type StockRejected,
  type StockReleased,
  type StockReserved,
} from '../events';
import { isUuid } from './validation';

/**
 * Stock owned here and never oversold (DESIGN.md rule 3). Each handler runs in the consumer's
 * transaction, which also records the event id, so a redelivered event is skipped by the kit.
 */
export class StockService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * `orders.order.placed`: every line is reserved, or none. The product rows are locked
   * (`SELECT ... FOR UPDATE`) in id order, so two orders sharing products queue behind each other
   * instead of deadlocking, and each sees the stock the other left.
   */
  async reserve(event: DomainEvent<unknown>, manager: EntityManager): Promise<void> {
    const parsed = orderPlacedSchema.safeParse(event.payload);
    if (!parsed.success) return this.refuseMalformed(event, manager, parsed.error.message);
    const { orderId, items } = parsed.data;
    // The same order placed again under another event id has had its answer already.
    if (await manager.existsBy(StockReservation, { orderId })) {
      this.runtime.logger.warn('order placed again; its stock is already reserved', { orderId, eventId: event.id });
      return;
    }
    const wanted = new Map<string, number>();
    for (const item of items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    const ids = [...wanted.keys()].filter(isUuid).sort();
    const products = ids.length
      ? await manager.getRepository(Product).createQueryBuilder('p').setLock('pessimistic_write').where({ id: In(ids) }).orderBy('p.id').getMany()
      : [];
    const byId = new Map(products.map((p) => [p.id, p]));

    // An unknown product has nothing available.
    const short = [...wanted].filter(([id, quantity]) => (byId.get(id)?.stock ?? 0) < quantity);
    if (short.length) {
      await this.runtime.emit<StockRejected>(manager, ProductTopics.stockRejected, {
        orderId,
        reason: `Not enough stock for ${short.map(([id]) => byId.get(id)?.name ?? `unknown product ${id}`).join(', ')}`,
        items: short.map(([productId, requested]) => ({ productId, requested, available: byId.get(productId)?.stock ?? 0 })),
      });
      return;
    }

    const reserved: StockReserved['items'] = [];
    for (const [productId, quantity] of wanted) {
      const product = byId.get(productId)!;
      await manager.update(Product, productId, { stock: product.stock - quantity });
      // The price of this moment is the one the customer pays: orders takes it from the answer.
      await manager.insert(StockReservation, {
        orderId,
        productId,
        quantity,
        unitPriceAmount: product.priceAmount,
        unitPriceCurrency: product.priceCurrency,
        status: 'RESERVED',
      });
      reserved.push({ productId, quantity, unitPrice: { amount: product.priceAmount, currency: product.priceCurrency } });
    }
    await this.runtime.emit<StockReserved>(manager, ProductTopics.stockReserved, { orderId, items: reserved });
  }

  /**
   * `orders.order.cancelled`: gives back what the order holds, once. A repeat, or an order that was
   * never reserved, finds nothing RESERVED and changes nothing. (A cancellation that overtakes its
   * reservation is handled by orders, which cancels again when the late `stock.reserved` arrives.)
   */
  async release(event: DomainEvent<unknown>, manager: EntityManager): Promise<void> {
    const parsed = orderCancelledSchema.safeParse(event.payload);
    if (!parsed.success) {
      this.runtime.logger.warn('dropped a malformed order.cancelled event', { eventId: event.id, error: parsed.error.message });
      return;
    }
    const { orderId } = parsed.data;
    const reservations = await manager
      .getRepository(StockReservation)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.order_id = :orderId AND r.status = :status', { orderId, status: 'RESERVED' })
      .orderBy('r.product_id')
      .getMany();
    if (!reservations.length) return;
    // Product rows are locked by these updates in id order, as `reserve` does.
    for (const reservation of reservations) {
      await manager.query('UPDATE product SET stock = stock + $1, updated_at = now() WHERE id = $2', [reservation.quantity, reservation.productId]);
    }
    await manager.update(StockReservation, { orderId, status: 'RESERVED' }, { status: 'RELEASED', releasedAt: () => 'now()' });
    await this.runtime.emit<StockReleased>(manager, ProductTopics.stockReleased, {
      orderId,
      items: reservations.map((r) => ({ productId: r.productId, quantity: r.quantity })),
    });
  }

  /**
   * An order we cannot read gets a rejection when it names an order id (so that the order does not
   * wait forever), and is dropped with a log line otherwise. Throwing instead would fail the same
   * event on every redelivery.
   */
  private async refuseMalformed(event: DomainEvent<unknown>, manager: EntityManager, error: string) {
    const orderId = (event.payload as { orderId?: unknown } | null)?.orderId;
    this.runtime.logger.warn('malformed order.placed event', { eventId: event.id, error });
    if (typeof orderId !== 'string' || !isUuid(orderId)) return;
    const lines = (event.payload as { items?: unknown }).items;
    const items = Array.isArray(lines)
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- lines come from another subgraph's event: String() of whatever arrived names it in the rejection
      ? lines.map((line) => ({ productId: String((line as { productId?: unknown })?.productId ?? ''), requested: Number((line as { quantity?: unknown })?.quantity) || 0, available: 0 }))
      : [];
    await this.runtime.emit<StockRejected>(manager, ProductTopics.stockRejected, { orderId, reason: 'The order lines are not valid', items });
  }
}

/** The consumers of the definition (`consumers: (runtime) => stockConsumers(runtime)`). */
export function stockConsumers(runtime: SubgraphRuntime): Record<string, EventHandler> {
  const stock = new StockService(runtime);
  return {
    [OrderTopics.placed]: (event, manager) => stock.reserve(event, manager),
    [OrderTopics.cancelled]: (event, manager) => stock.release(event, manager),
  };
}
