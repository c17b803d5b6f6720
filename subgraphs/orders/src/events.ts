import { z } from 'zod';

/** Topics orders emits and consumes (the checkout table of docs/writing-a-subgraph.md). */
export const OrderTopics = {
  placed: 'orders.order.placed',
  cancelled: 'orders.order.cancelled',
} as const;

export const ProductTopics = {
  upserted: 'products.product.upserted',
  stockReserved: 'products.stock.reserved',
  stockRejected: 'products.stock.rejected',
} as const;

export interface Money {
  amount: number;
  currency: string;
}

export interface OrderPlaced {
  orderId: string;
  customerId: string;
  items: { productId: string; quantity: number }[];
}

/** Also sent for an order rejected after products reserved its stock: it is products' signal to give stock back. */
export interface OrderCancelled {
  orderId: string;
  customerId: string;
}

// What we consume is parsed, not trusted: a malformed event is logged and skipped instead of
// failing its transaction on every redelivery.
const money = z.object({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) });

export const ProductUpserted = z.object({ productId: z.uuid(), name: z.string().min(1), price: money });
export type ProductUpserted = z.infer<typeof ProductUpserted>;

export const StockReserved = z.object({
  orderId: z.uuid(),
  items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive(), unitPrice: money })),
});
export type StockReserved = z.infer<typeof StockReserved>;

export const StockRejected = z.object({
  orderId: z.uuid(),
  reason: z.string(),
  items: z.array(z.object({ productId: z.uuid(), requested: z.number().int(), available: z.number().int() })),
});
export type StockRejected = z.infer<typeof StockRejected>;

/** Pub/sub channel of an order's status changes: any orders instance publishes, every instance listens. */
export const statusChannel = (orderId: string) => `orders.order.statusChanged.${orderId}`;

/** What goes on `statusChannel`: subscribers re-read the order, so every event shows it as committed. */
export interface StatusChanged {
  orderId: string;
  status: string;
}
