import type { DomainEvent, SubgraphRuntime } from '@supergraph/service-kit';
import { In, type EntityManager } from 'typeorm';
import { Product } from '../entities/Product';
import { StockReservation } from '../entities/StockReservation';
import { OrderTopics, ProductTopics, type OrderCancelled, type OrderPlaced, type StockRejected, type StockReleased, type StockReserved } from '../events';
import { isUuid } from './validation';

/**
 * Stock is never oversold: an order's lines are reserved all together under row locks, taken in
 * id order so that two orders for the same products cannot deadlock, or none is reserved.
 */
export async function reserveStock(runtime: SubgraphRuntime, event: DomainEvent<OrderPlaced>, manager: EntityManager) {
  const { orderId } = event.payload;
  // One line per product, whatever the order sent.
  const wanted = new Map<string, number>();
  for (const item of event.payload.items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
  const ids = [...wanted.keys()].filter(isUuid).sort();
  const products = ids.length
    ? await manager.getRepository(Product).createQueryBuilder('p').setLock('pessimistic_write').where({ id: In(ids) }).orderBy('p.id').getMany()
    : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const short = [...wanted].filter(([id, quantity]) => (byId.get(id)?.stock ?? 0) < quantity);
  if (short.length) {
    await runtime.emit<StockRejected>(manager, ProductTopics.stockRejected, {
      orderId,
      reason: `Not enough stock for ${short.map(([id]) => byId.get(id)?.name ?? `unknown product ${id}`).join(', ')}`,
      items: short.map(([productId, requested]) => ({ productId, requested, available: byId.get(productId)?.stock ?? 0 })),
    });
    return;
  }
  const items: StockReserved['items'] = [];
  for (const [productId, quantity] of wanted) {
    const product = byId.get(productId)!;
    await manager.update(Product, productId, { stock: product.stock - quantity });
    await manager.insert(StockReservation, {
      orderId,
      productId,
      quantity,
      unitPriceAmount: product.priceAmount,
      unitPriceCurrency: product.priceCurrency,
      status: 'RESERVED',
    });
    items.push({ productId, quantity, unitPrice: { amount: product.priceAmount, currency: product.priceCurrency } });
  }
  await runtime.emit<StockReserved>(manager, ProductTopics.stockReserved, { orderId, items });
}

/** Gives back what a cancelled order holds; a second cancellation finds nothing RESERVED and does nothing. */
export async function releaseStock(runtime: SubgraphRuntime, event: DomainEvent<OrderCancelled>, manager: EntityManager) {
  const reservations = await manager
    .getRepository(StockReservation)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.order_id = :orderId AND r.status = :status', { orderId: event.payload.orderId, status: 'RESERVED' })
    .orderBy('r.product_id')
    .getMany();
  if (!reservations.length) return;
  for (const reservation of reservations) {
    await manager.query('UPDATE product SET stock = stock + $1, updated_at = now() WHERE id = $2', [reservation.quantity, reservation.productId]);
  }
  await manager.update(StockReservation, { orderId: event.payload.orderId, status: 'RESERVED' }, { status: 'RELEASED' });
  await runtime.emit<StockReleased>(manager, ProductTopics.stockReleased, {
    orderId: event.payload.orderId,
    items: reservations.map((r) => ({ productId: r.productId, quantity: r.quantity })),
  });
}

export function stockConsumers(runtime: SubgraphRuntime) {
  return {
    [OrderTopics.placed]: (event: DomainEvent<OrderPlaced>, manager: EntityManager) => reserveStock(runtime, event, manager),
    [OrderTopics.cancelled]: (event: DomainEvent<OrderCancelled>, manager: EntityManager) => releaseStock(runtime, event, manager),
  };
}
