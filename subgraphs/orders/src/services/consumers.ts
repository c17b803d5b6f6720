import type { Topic } from '@supergraph/contracts';
import type { DomainEvent, EventHandler, EventHandlers, EventOf, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { CatalogProduct } from '../entities/CatalogProduct';
import type { Order } from '../entities/Order';
import { announceStatus, movedOrders } from './announcements';
import { StockAnswers } from './stockAnswers';

/**
 * The topics orders consumes. The kit checks each payload against its contract (a malformed one
 * is dead-lettered, never handed over) and runs each handler in a transaction that also records
 * the event id, so a redelivered event is skipped; the handlers are idempotent by state as well.
 */
export function orderConsumers(runtime: SubgraphRuntime): EventHandlers {
  const answers = new StockAnswers(runtime);
  const moved = movedOrders(runtime);

  /** Remembers the order a handler moved, to announce it once the transaction committed. */
  function handler<T extends Topic>(handle: (manager: EntityManager, payload: EventOf<T>['payload']) => Promise<Order | null>): EventHandler<T> {
    return async (event, manager) => {
      moved.delete(event.id);
      const order = await handle(manager, event.payload);
      if (order) moved.set(event.id, { id: order.id, status: order.status });
    };
  }

  return {
    // The read model that lets a cart refuse unknown products without calling products.
    'products.product.upserted': handler<'products.product.upserted'>(async (manager, product) => {
      await manager.upsert(CatalogProduct, { productId: product.productId, name: product.name }, ['productId']);
      return null;
    }),
    'products.stock.reserved': handler<'products.stock.reserved'>((manager, answer) => answers.reserved(manager, answer)),
    'products.stock.rejected': handler<'products.stock.rejected'>((manager, answer) => answers.rejected(manager, answer)),
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
