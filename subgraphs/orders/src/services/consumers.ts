import type { Topic } from '@supergraph/contracts';
import type { DomainEvent, EventHandler, EventHandlers, EventOf, SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { CatalogProduct } from '../entities/CatalogProduct';
import { CreditLineView } from '../entities/CreditLineView';
import { CustomerAddress } from '../entities/CustomerAddress';
import type { Order } from '../entities/Order';
import { AfterConfirmation } from './afterConfirmation';
import { announceStatus, movedOrders } from './announcements';
import { PlacedAnswers } from './placedAnswers';

/**
 * The topics orders consumes. The kit checks each payload against its contract (a malformed one
 * is dead-lettered, never handed over) and runs each handler in a transaction that also records
 * the event id, so a redelivered event is skipped; the handlers are idempotent by state as well.
 */
export function orderConsumers(runtime: SubgraphRuntime): EventHandlers {
  const answers = new PlacedAnswers(runtime);
  const later = new AfterConfirmation(runtime);
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
    // The read model that lets a cart refuse unknown products without calling products, and gives an order's weight.
    'products.product.upserted': handler<'products.product.upserted'>(async (manager, product) => {
      await manager.upsert(
        CatalogProduct,
        { productId: product.productId, name: product.name, priceAmount: product.price.amount, priceCurrency: product.price.currency, weightGrams: product.weightGrams },
        ['productId'],
      );
      return null;
    }),
    // Checkout checks and snapshots addresses from this read model, without calling users.
    'users.address.upserted': handler<'users.address.upserted'>(async (manager, address) => {
      const { addressId, userId, line1, city, postalCode, country, isDefault } = address;
      await manager.upsert(CustomerAddress, { addressId, userId, line1, city, postalCode, country, isDefault }, ['addressId']);
      return null;
    }),
    // Checkout's pre-check of a credit-line purchase.
    'payments.creditLine.updated': handler<'payments.creditLine.updated'>(async (manager, line) => {
      await manager.upsert(CreditLineView, { customerId: line.customerId, creditLineId: line.creditLineId, status: line.status, available: line.available.amount, currency: line.available.currency }, [
        'customerId',
      ]);
      return null;
    }),
    'products.stock.reserved': handler<'products.stock.reserved'>((manager, answer) => answers.reserved(manager, answer)),
    'products.stock.rejected': handler<'products.stock.rejected'>((manager, answer) => answers.rejected(manager, answer)),
    'delivery.shipping.quoted': handler<'delivery.shipping.quoted'>((manager, quote) => answers.quoted(manager, quote)),
    'delivery.shipping.rejected': handler<'delivery.shipping.rejected'>((manager, answer) => answers.shippingRejected(manager, answer)),
    'payments.payment.captured': handler<'payments.payment.captured'>((manager, payment) => later.captured(manager, payment)),
    'payments.payment.failed': handler<'payments.payment.failed'>((manager, payment) => later.failed(manager, payment)),
    'payments.payment.refunded': handler<'payments.payment.refunded'>((manager, refund) => later.refunded(manager, refund)),
    'delivery.delivery.pickedUp': handler<'delivery.delivery.pickedUp'>((manager, move) => later.pickedUp(manager, move)),
    'delivery.delivery.delivered': handler<'delivery.delivery.delivered'>((manager, move) => later.delivered(manager, move)),
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
