import type { PayloadOf } from '@supergraph/contracts';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { In, type EntityManager } from 'typeorm';
import { CatalogProduct } from '../entities/CatalogProduct';
import { Order } from '../entities/Order';
import { OrderItem } from '../entities/OrderItem';
import { totals } from './pricing';
import { transition } from './stateMachine';
import type { PaymentChoice } from './validation';

/** Largest amount an `Int` column (and a GraphQL `Int`) holds. */
const MAX_AMOUNT = 2 ** 31 - 1;

type StockReserved = PayloadOf<'products.stock.reserved'>;
type StockRejected = PayloadOf<'products.stock.rejected'>;
type ShippingQuoted = PayloadOf<'delivery.shipping.quoted'>;
type ShippingRejected = PayloadOf<'delivery.shipping.rejected'>;

/**
 * What orders does with the two answers to `orders.order.placed`: products' stock reservation and
 * delivery's shipping quote. They arrive in either order; the order is CONFIRMED (with its final
 * total, and `orders.order.confirmed` for payments) when both are in, REJECTED on either refusal.
 *
 * Each runs inside the consumer's transaction (which also records the event id) and returns the
 * order it moved, or null when the answer no longer fits the order's state: such an answer is
 * logged and ignored, never forced, so a late or repeated answer changes nothing.
 */
export class PlacedAnswers {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /** Stock taken for every line at products' prices: fix the line prices, then confirm if shipping is quoted. */
  async reserved(manager: EntityManager, answer: StockReserved): Promise<Order | null> {
    const order = await this.lock(manager, answer.orderId);
    if (!order) return null;
    if (order.status !== 'PENDING' || order.stockReserved) {
      // Cancelled, or rejected for shipping, while products was reserving: ask for the stock back (products releases once).
      if (order.status === 'CANCELLED' || order.status === 'REJECTED') await this.releaseStock(manager, order);
      this.runtime.logger.info('stock reserved for an order no longer waiting for it; ignored', { orderId: order.id, status: order.status });
      return null;
    }
    const lines = await manager.find(OrderItem, { where: { orderId: order.id } });
    const reserved = new Map(answer.items.map((item) => [item.productId, item]));
    const mismatch = answer.items.length !== lines.length || lines.some((line) => reserved.get(line.productId)?.quantity !== line.quantity);
    if (mismatch) return this.rejectReserved(manager, order, 'The stock reserved does not match the order');
    const currencies = [...new Set(answer.items.map((item) => item.unitPrice.currency))].sort();
    if (currencies.length !== 1) {
      return this.rejectReserved(manager, order, `Products priced in different currencies (${currencies.join(', ')}) cannot be ordered together`);
    }
    const [currency] = currencies;
    const priced = lines.map((line) => ({ productId: line.productId, unitPrice: reserved.get(line.productId)!.unitPrice.amount }));
    await manager.query(
      `UPDATE order_item SET unit_price = v.unit_price, currency = $2
         FROM unnest($3::uuid[], $4::int[]) AS v(product_id, unit_price)
        WHERE order_item.order_id = $1 AND order_item.product_id = v.product_id`,
      [order.id, currency, priced.map((p) => p.productId), priced.map((p) => p.unitPrice)],
    );
    await manager.update(Order, order.id, { stockReserved: true });
    order.stockReserved = true;
    return this.confirmIfSettled(manager, order);
  }

  /** Nothing was taken: REJECTED, naming the products that were short. */
  async rejected(manager: EntityManager, answer: StockRejected): Promise<Order | null> {
    const order = await this.lock(manager, answer.orderId);
    if (!order) return null;
    const reason = await this.shortageReason(manager, answer);
    if (!(await transition(this.runtime, manager, order, 'REJECTED', { reason }))) {
      this.runtime.logger.info('stock rejected for an order no longer pending; ignored', { orderId: order.id, status: order.status });
      return null;
    }
    return order;
  }

  /** Delivery priced the shipping: keep the quote, then confirm if the stock is reserved. */
  async quoted(manager: EntityManager, quote: ShippingQuoted): Promise<Order | null> {
    const order = await this.lock(manager, quote.orderId);
    if (!order) return null;
    if (order.status !== 'PENDING' || order.quotedShipping !== null) {
      this.runtime.logger.info('shipping quoted for an order no longer waiting for it; ignored', { orderId: order.id, status: order.status });
      return null;
    }
    const changes = { shippingZone: quote.zone, quotedShipping: quote.cost.amount, quotedCurrency: quote.cost.currency };
    await manager.update(Order, order.id, changes);
    Object.assign(order, changes);
    return this.confirmIfSettled(manager, order);
  }

  /** Delivery cannot ship it: REJECTED, and any stock already reserved goes back. */
  async shippingRejected(manager: EntityManager, answer: ShippingRejected): Promise<Order | null> {
    const order = await this.lock(manager, answer.orderId);
    if (!order) return null;
    if (!(await transition(this.runtime, manager, order, 'REJECTED', { reason: `Cannot ship this order: ${answer.reason}` }))) {
      this.runtime.logger.info('shipping rejected for an order no longer pending; ignored', { orderId: order.id, status: order.status });
      return null;
    }
    if (order.stockReserved) await this.releaseStock(manager, order);
    return order;
  }

  /**
   * Both answers in: fix the totals (lines + 8% tax + the quote), CONFIRMED, and tell payments in
   * the same transaction how the customer chose to pay (null: the order waits CONFIRMED).
   */
  private async confirmIfSettled(manager: EntityManager, order: Order): Promise<Order | null> {
    if (!order.stockReserved || order.quotedShipping === null || order.quotedCurrency === null) return null;
    const lines = await manager.find(OrderItem, { where: { orderId: order.id } });
    const currency = lines[0].currency!;
    if (order.quotedCurrency !== currency) {
      return this.rejectReserved(manager, order, `Shipping is quoted in ${order.quotedCurrency}, the products in ${currency}`);
    }
    const sums = totals(
      lines.map((line) => ({ unitPrice: line.unitPrice!, quantity: line.quantity })),
      order.quotedShipping,
    );
    if (sums.total > MAX_AMOUNT) return this.rejectReserved(manager, order, 'The order total is too large');
    const payment = this.paymentChoice(order);
    await transition(this.runtime, manager, order, 'CONFIRMED', { changes: { ...sums, currency } });
    await this.runtime.emit(manager, 'orders.order.confirmed', {
      orderId: order.id,
      customerId: order.customerId,
      total: { amount: sums.total, currency },
      payment,
    });
    return order;
  }

  /** Read before the move out of PENDING erases the card token. */
  private paymentChoice(order: Order): PaymentChoice | null {
    if (order.paymentMethod === 'CARD' && order.cardToken) return { method: 'CARD', cardToken: order.cardToken };
    if (order.paymentMethod === 'CREDIT_LINE' && (order.installments === 3 || order.installments === 6 || order.installments === 12)) {
      return { method: 'CREDIT_LINE', installments: order.installments };
    }
    return null;
  }

  private async lock(manager: EntityManager, orderId: string) {
    const order = await manager.findOne(Order, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) this.runtime.logger.warn('answer for an unknown order; ignored', { orderId });
    return order;
  }

  /** Products holds stock for this order: reject it and have the stock given back. */
  private async rejectReserved(manager: EntityManager, order: Order, reason: string) {
    this.runtime.logger.warn('rejecting an order products reserved', { orderId: order.id, reason });
    await transition(this.runtime, manager, order, 'REJECTED', { reason });
    await this.releaseStock(manager, order);
    return order;
  }

  /** `orders.order.cancelled` is products' one signal to release an order's reservation (idempotent there). */
  private releaseStock(manager: EntityManager, order: Order) {
    return this.runtime.emit(manager, 'orders.order.cancelled', { orderId: order.id, customerId: order.customerId });
  }

  private async shortageReason(manager: EntityManager, answer: StockRejected) {
    if (answer.items.length === 0) return answer.reason || 'Not enough stock';
    const names = new Map((await manager.find(CatalogProduct, { where: { productId: In(answer.items.map((i) => i.productId)) } })).map((p) => [p.productId, p.name]));
    const short = answer.items.map((i) => `${names.get(i.productId) ?? `product ${i.productId}`} (${i.requested} requested, ${Math.max(i.available, 0)} available)`);
    return `Not enough stock: ${short.join('; ')}`;
  }
}
