import { z } from 'zod';

/** Topics products emits (docs/writing-a-subgraph.md, "Topics of the checkout flow"). */
export const ProductTopics = {
  /** A product's sellable facts changed (created, renamed, repriced): orders keeps a read model of them. */
  upserted: 'products.product.upserted',
  stockReserved: 'products.stock.reserved',
  stockRejected: 'products.stock.rejected',
  stockReleased: 'products.stock.released',
} as const;

/** Topics products consumes. */
export const OrderTopics = {
  placed: 'orders.order.placed',
  cancelled: 'orders.order.cancelled',
} as const;

export interface Money {
  amount: number;
  currency: string;
}

export interface ProductUpserted {
  productId: string;
  name: string;
  price: Money;
}

export interface StockReserved {
  orderId: string;
  items: { productId: string; quantity: number; unitPrice: Money }[];
}

export interface StockRejected {
  orderId: string;
  reason: string;
  items: { productId: string; requested: number; available: number }[];
}

export interface StockReleased {
  orderId: string;
  items: { productId: string; quantity: number }[];
}

/*
 * Consumed payloads are parsed, not trusted: a malformed event must get an answer (or be dropped
 * with a log line), never fail its transaction on every redelivery.
 */
export const orderPlacedSchema = z.object({
  orderId: z.uuid(),
  customerId: z.string().optional(),
  items: z.array(z.object({ productId: z.string(), quantity: z.number().int().positive() })).min(1),
});
export type OrderPlaced = z.infer<typeof orderPlacedSchema>;

export const orderCancelledSchema = z.object({
  orderId: z.uuid(),
  customerId: z.string().optional(),
});
export type OrderCancelled = z.infer<typeof orderCancelledSchema>;
