import type { DomainEvent, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { CatalogProduct } from '../entities/CatalogProduct';
import { Order } from '../entities/Order';
import { OrderItem } from '../entities/OrderItem';
import { OrderTopics, ProductTopics, type OrderCancelled, type ProductUpserted, type StockRejected, type StockReserved } from '../events';
import { announceStatus, transition } from './OrderService';
import { totals } from './pricing';

/**
 * What orders does with products' answers. Each handler runs in a transaction that also records
 * the event id (a redelivery does nothing), and an answer that no longer fits the order's state
 * is ignored rather than forced.
 */
export function orderConsumers(runtime: SubgraphRuntime) {
  const lockOrder = (manager: EntityManager, orderId: string) => manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });

  return {
    [ProductTopics.upserted]: async (event: DomainEvent<ProductUpserted>, manager: EntityManager) => {
      await manager.upsert(CatalogProduct, { productId: event.payload.productId, name: event.payload.name }, ['productId']);
    },

    [ProductTopics.stockReserved]: async (event: DomainEvent<StockReserved>, manager: EntityManager) => {
      const order = await lockOrder(manager, event.payload.orderId);
      if (!order) return;
      if (order.status !== 'PENDING') {
        // Cancelled while products was reserving: hand the stock back (products releases once).
        if (order.status === 'CANCELLED') {
          await runtime.emit<OrderCancelled>(manager, OrderTopics.cancelled, { orderId: order.id, customerId: order.customerId });
        }
        runtime.logger.info('stock reserved for an order no longer pending', { orderId: order.id, status: order.status });
        return;
      }
      const currencies = new Set(event.payload.items.map((i) => i.unitPrice.currency));
      if (currencies.size !== 1) {
        await transition(manager, order, 'REJECTED', 'Products in more than one currency cannot be ordered together');
        await runtime.emit<OrderCancelled>(manager, OrderTopics.cancelled, { orderId: order.id, customerId: order.customerId });
        return;
      }
      const [currency] = currencies;
      for (const item of event.payload.items) {
        await manager.update(OrderItem, { orderId: order.id, productId: item.productId }, { unitPrice: item.unitPrice.amount, currency });
      }
      const sums = totals(event.payload.items.map((i) => ({ unitPrice: i.unitPrice.amount, quantity: i.quantity })));
      await transition(manager, order, 'CONFIRMED', null, { ...sums, currency });
    },

    [ProductTopics.stockRejected]: async (event: DomainEvent<StockRejected>, manager: EntityManager) => {
      const order = await lockOrder(manager, event.payload.orderId);
      if (!order) return;
      await transition(manager, order, 'REJECTED', event.payload.reason);
    },
  };
}

/** Publishes the status changes the handlers made, once their transaction committed. */
export function afterOrderEvent(runtime: SubgraphRuntime, event: DomainEvent) {
  const orderId = (event.payload as { orderId?: string }).orderId;
  if (orderId) announceStatus(runtime, orderId);
}
