import type { PayloadOf } from '@supergraph/contracts';
import type { DeadLetter, EventHandlers, EventOf, SubgraphRuntime } from '@supergraph/service-kit';
import { In, type EntityManager } from 'typeorm';
import { Product } from '../entities/Product';
import { StockReservation } from '../entities/StockReservation';
import { isUuid } from './validation';

/**
 * Stock owned here and never oversold (rule 3 of docs/architecture.md). Each handler runs in the consumer's
 * transaction, which also records the event id, so a redelivered event is skipped by the kit.
 */
export class StockService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * `orders.order.placed`: every line is reserved, or none. The product rows are locked
   * (`SELECT ... FOR UPDATE`) in id order, so two orders sharing products queue behind each other
   * instead of deadlocking, and each sees the stock the other left.
   */
  async reserve(event: EventOf<'orders.order.placed'>, manager: EntityManager): Promise<void> {
    const { orderId, items } = event.payload;
    // The same order placed again under another event id has had its answer already.
    if (await manager.existsBy(StockReservation, { orderId })) {
      this.runtime.logger.warn('order placed again; its stock is already reserved', { orderId, eventId: event.id });
      return;
    }
    const wanted = new Map<string, number>();
    for (const item of items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    const ids = [...wanted.keys()].sort();
    const products = ids.length
      ? await manager
          .getRepository(Product)
          .createQueryBuilder('p')
          .setLock('pessimistic_write')
          .where({ id: In(ids) })
          .orderBy('p.id')
          .getMany()
      : [];
    const byId = new Map(products.map((p) => [p.id, p]));

    // An unknown product has nothing available.
    const short = [...wanted].filter(([id, quantity]) => (byId.get(id)?.stock ?? 0) < quantity);
    if (short.length) {
      await this.runtime.emit(manager, 'products.stock.rejected', {
        orderId,
        reason: `Not enough stock for ${short.map(([id]) => byId.get(id)?.name ?? `unknown product ${id}`).join(', ')}`,
        items: short.map(([productId, requested]) => ({ productId, requested, available: byId.get(productId)?.stock ?? 0 })),
      });
      return;
    }

    const reserved: PayloadOf<'products.stock.reserved'>['items'] = [];
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
    await this.runtime.emit(manager, 'products.stock.reserved', { orderId, items: reserved });
  }

  /**
   * `orders.order.cancelled`: gives back what the order holds, once. A repeat, or an order that was
   * never reserved, finds nothing RESERVED and changes nothing. (A cancellation that overtakes its
   * reservation is handled by orders, which cancels again when the late `stock.reserved` arrives.)
   */
  async release(event: EventOf<'orders.order.cancelled'>, manager: EntityManager): Promise<void> {
    const { orderId } = event.payload;
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
    await this.runtime.emit(manager, 'products.stock.released', {
      orderId,
      items: reservations.map((r) => ({ productId: r.productId, quantity: r.quantity })),
    });
  }

  /**
   * An `orders.order.placed` the kit dead-lettered (it breaks the contract) still gets a rejection
   * when it names an order id, so that the order does not wait forever; nothing is reserved.
   */
  async refuseUnreadable(letter: DeadLetter, manager: EntityManager): Promise<void> {
    const orderId = (letter.payload as { orderId?: unknown } | null)?.orderId;
    if (typeof orderId !== 'string' || !isUuid(orderId)) return;
    await this.runtime.emit(manager, 'products.stock.rejected', { orderId, reason: 'The order lines are not valid', items: [] });
  }
}

/** The consumers of the definition (`consumers: (runtime) => stockConsumers(runtime)`). */
export function stockConsumers(runtime: SubgraphRuntime): EventHandlers {
  const stock = new StockService(runtime);
  return {
    'orders.order.placed': { handle: (event, manager) => stock.reserve(event, manager), onDeadLetter: (letter, manager) => stock.refuseUnreadable(letter, manager) },
    'orders.order.cancelled': (event, manager) => stock.release(event, manager),
  };
}
