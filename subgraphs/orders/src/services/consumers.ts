import type { DomainEvent, EventHandler, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { CatalogProduct } from '../entities/CatalogProduct';
import type { Order } from '../entities/Order';
import { ProductTopics, ProductUpserted, StockRejected, StockReserved } from '../events';
import { announceStatus, movedOrders } from './announcements';
import { StockAnswers } from './stockAnswers';

/**
 * The topics orders consumes. The kit runs each handler in a transaction that also records the
 * event id, so a redelivered event is skipped; the handlers are idempotent by state as well.
 */
export function orderConsumers(runtime: SubgraphRuntime): Record<string, EventHandler> {
  const answers = new StockAnswers(runtime);
  const moved = movedOrders(runtime);

  /** Parses the payload (a malformed one is logged and skipped, not retried forever) and remembers a moved order. */
  function handler<T>(schema: z.ZodType<T>, handle: (manager: EntityManager, payload: T) => Promise<Order | null>): EventHandler {
    return async (event: DomainEvent, manager: EntityManager) => {
      moved.delete(event.id);
      const parsed = schema.safeParse(event.payload);
      if (!parsed.success) {
        runtime.logger.error('malformed event skipped', { topic: event.topic, eventId: event.id, issues: parsed.error.issues.slice(0, 5) });
        return;
      }
      const order = await handle(manager, parsed.data);
      if (order) moved.set(event.id, { id: order.id, status: order.status });
    };
  }

  return {
    // The read model that lets a cart refuse unknown products without calling products.
    [ProductTopics.upserted]: handler(ProductUpserted, async (manager, product) => {
      await manager.upsert(CatalogProduct, { productId: product.productId, name: product.name }, ['productId']);
      return null;
    }),
    [ProductTopics.stockReserved]: handler(StockReserved, (manager, answer) => answers.reserved(manager, answer)),
    [ProductTopics.stockRejected]: handler(StockRejected, (manager, answer) => answers.rejected(manager, answer)),
  };
}

/** After a handler's transaction committed: announce the order it moved to live subscribers. */
export function afterOrderEvent(runtime: SubgraphRuntime, event: DomainEvent) {
  const moved = movedOrders(runtime);
  const order = moved.get(event.id);
  if (!order) return;
  moved.delete(event.id);
  announceStatus(runtime, order);
}
